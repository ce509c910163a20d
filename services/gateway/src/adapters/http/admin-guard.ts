import { CommonErrors, type HttpServer, type Principal } from '@emporium/kit';
import type { FastifyRequest } from 'fastify';
import { edgeAccessRuleOf } from '../../app/edge-access.ts';
import { resolveRoute } from '../../app/route-table.ts';
import type { EdgeVerifier } from './edge-verifier.ts';

const FORBIDDEN_DETAIL = {
  admin: 'This route needs the admin role',
  internal: 'This route is for other services and admins',
  customer: 'This route needs a signed-in customer',
} as const;

/**
 * Verifies the bearer token at the edge on the admin and internal requests listed in
 * EDGE_ACCESS_RULES: no token → 401 (with `WWW-Authenticate`, added by the error handler),
 * an invalid, expired or tampered one → 401, a token without the role → 403. Every other
 * request passes untouched (and unverified: services check their own routes).
 */
export function registerAdminGuard(app: HttpServer, verifier: EdgeVerifier): void {
  app.addHook('onRequest', async (request) => {
    const rule = edgeAccessRuleOf(request.method, request.url);
    if (!rule) return;
    // A service token is for the service that owns the route, and only internal routes take one.
    const owner = rule.audience === 'internal' ? resolveRoute(request.url)?.service : undefined;
    const principal = await principalOf(request, verifier, owner);
    if (!rule.roles.some((role) => principal.roles.includes(role)))
      throw CommonErrors.FORBIDDEN.create(FORBIDDEN_DETAIL[rule.audience]);
  });
}

async function principalOf(
  request: FastifyRequest,
  verifier: EdgeVerifier,
  owner: string | undefined,
): Promise<Principal> {
  const header = request.headers.authorization;
  if (!header) throw CommonErrors.UNAUTHENTICATED.create('This route needs an access token');
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!token)
    throw CommonErrors.UNAUTHENTICATED.create('The Authorization header must be "Bearer <token>"');
  try {
    return await verifier.verify(token, owner);
  } catch (error) {
    throw CommonErrors.UNAUTHENTICATED.create(
      `The access token is not valid: ${(error as Error).message}`,
    );
  }
}
