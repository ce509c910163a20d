import { CommonErrors, type HttpServer } from '@emporium/kit';
import type { FastifyRequest } from 'fastify';
import type { JWK } from 'jose';
import type { Static } from 'typebox';
import type { AccountsDeps } from '../../app/deps.ts';
import { getProfile } from '../../app/use-cases/profile.ts';
import { JwksSchema, UserProfileSchema } from './schemas.ts';

export interface KeySetSource {
  jwks(): { keys: JWK[] };
}

export function registerAccountRoutes(
  app: HttpServer,
  deps: AccountsDeps,
  keys: KeySetSource,
): void {
  app.get(
    '/accounts/me',
    {
      onRequest: requireUser,
      schema: {
        tags: ['accounts'],
        summary: 'The caller’s profile',
        security: [{ bearer: [] }],
        response: { 200: UserProfileSchema },
      },
    },
    async (request) => getProfile(deps, request.principal!.userId),
  );

  app.get(
    '/.well-known/jwks.json',
    {
      schema: {
        tags: ['auth'],
        summary: 'Public keys that verify access tokens',
        response: { 200: JwksSchema },
      },
    },
    async (_request, reply) =>
      // Verifiers cache this; a short max-age lets a new key reach them soon after rotation.
      reply
        .header('cache-control', 'public, max-age=300')
        .send(keys.jwks() as Static<typeof JwksSchema>),
  );
}

async function requireUser(request: FastifyRequest): Promise<void> {
  if (!request.principal) {
    throw CommonErrors.UNAUTHENTICATED.create('This route needs an access token');
  }
}
