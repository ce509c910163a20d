import { CommonErrors, type Principal } from '@emporium/kit';
import type { FastifyRequest } from 'fastify';

/** onRequest hook of the caller's own routes (`/accounts/me…`): a signed-in user, not a service. */
export async function requireUser(request: FastifyRequest): Promise<void> {
  if (!request.principal || request.principal.roles.includes('service')) {
    throw CommonErrors.UNAUTHENTICATED.create('This route needs a user’s access token');
  }
}

export function callerOf(request: FastifyRequest): Principal {
  return request.principal!;
}
