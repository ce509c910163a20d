import { CommonErrors, etagOf, expectedVersion, type HttpServer } from '@emporium/kit';
import type { JWK } from 'jose';
import { Type, type Static } from 'typebox';
import type { AccountsDeps } from '../../app/deps.ts';
import { changePassword } from '../../app/use-cases/change-password.ts';
import { getProfile, renameUser } from '../../app/use-cases/profile.ts';
import { AccountsErrors } from '../../domain/errors.ts';
import { ChangePasswordBody, ProfilePatchBody } from './profile-schemas.ts';
import { callerOf, requireUser } from './require-user.ts';
import { JwksSchema, UserProfileSchema } from './schemas.ts';

export interface KeySetSource {
  jwks(): { keys: JWK[] };
}

const tags = ['accounts'];
const security = [{ bearer: [] }];

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
        tags,
        security,
        summary: 'The caller’s profile',
        response: { 200: UserProfileSchema },
      },
    },
    async (request, reply) => {
      const profile = await getProfile(deps, callerOf(request).userId);
      return reply.header('etag', etagOf(profile.version)).send(profile);
    },
  );

  app.patch(
    '/accounts/me',
    {
      onRequest: requireUser,
      schema: {
        tags,
        security,
        summary: 'Change the caller’s name (the only writable field); honours If-Match',
        body: ProfilePatchBody,
        response: { 200: UserProfileSchema },
      },
    },
    async (request, reply) => {
      const name = nameFromPatch(request.body);
      const profile = await renameUser(
        deps,
        callerOf(request).userId,
        name,
        expectedVersion(request),
      );
      return reply.header('etag', etagOf(profile.version)).send(profile);
    },
  );

  app.post(
    '/accounts/me/password',
    {
      onRequest: requireUser,
      schema: {
        tags,
        security,
        summary: 'Change the password; signs out every other session of the caller',
        body: ChangePasswordBody,
        response: { 204: Type.Null({ description: 'The password is changed' }) },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      await changePassword(deps, {
        userId: caller.userId,
        sessionId: caller.sessionId,
        currentPassword: request.body.currentPassword,
        newPassword: request.body.newPassword,
        ip: request.ip,
      });
      return reply.status(204).send(null);
    },
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

/** The new name, or a 400 naming every field the request tried to change besides it. */
function nameFromPatch(body: Static<typeof ProfilePatchBody>): string {
  const readOnly = Object.keys(body).filter((key) => key !== 'name');
  if (readOnly.length > 0) {
    throw AccountsErrors.PROFILE_FIELD_READ_ONLY.create(
      `Only name can be changed here; ${readOnly.join(', ')} cannot (the email and roles are not self-service, the password has POST /accounts/me/password)`,
      { errors: readOnly.map((key) => ({ field: `body.${key}`, message: 'cannot be changed' })) },
    );
  }
  if (typeof body.name !== 'string') {
    throw CommonErrors.VALIDATION_FAILED.create('The body must contain the new name', {
      errors: [{ field: 'body.name', message: 'is required' }],
    });
  }
  return body.name;
}
