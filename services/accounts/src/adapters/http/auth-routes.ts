import { isAppError, type HttpServer } from '@emporium/kit';
import { Type } from 'typebox';
import type { AccountsDeps } from '../../app/deps.ts';
import { login } from '../../app/use-cases/login.ts';
import { register } from '../../app/use-cases/register.ts';
import { logout, refreshSession } from '../../app/use-cases/sessions.ts';
import { AccountsErrors } from '../../domain/errors.ts';
import { profileOf } from '../../domain/user.ts';
import {
  LoginBody,
  RefreshBody,
  RegisterBody,
  TokenPairSchema,
  UserProfileSchema,
} from './schemas.ts';

const tags = ['auth'];

export function registerAuthRoutes(app: HttpServer, deps: AccountsDeps): void {
  app.post(
    '/auth/register',
    {
      schema: {
        tags,
        summary: 'Create a customer account',
        body: RegisterBody,
        response: { 201: UserProfileSchema },
      },
    },
    async (request, reply) => {
      const user = await register(deps, request.body);
      return reply.status(201).header('location', '/accounts/me').send(profileOf(user));
    },
  );

  app.post(
    '/auth/login',
    {
      schema: {
        tags,
        summary: 'Exchange email and password for a token pair',
        body: LoginBody,
        response: { 200: TokenPairSchema },
      },
    },
    async (request, reply) => {
      try {
        return await login(deps, { ...request.body, ip: request.ip });
      } catch (error) {
        // The error handler keeps headers already set on the reply.
        if (isAppError(error) && error.code === AccountsErrors.TOO_MANY_ATTEMPTS.code) {
          reply.header('retry-after', String(error.details?.['retryAfterSeconds']));
        }
        throw error;
      }
    },
  );

  app.post(
    '/auth/refresh',
    {
      schema: {
        tags,
        summary: 'Rotate a refresh token into a new token pair',
        body: RefreshBody,
        response: { 200: TokenPairSchema },
      },
    },
    async (request) => refreshSession(deps, request.body.refreshToken),
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags,
        summary: 'Revoke the session of a refresh token (idempotent)',
        body: RefreshBody,
        response: { 204: Type.Null({ description: 'The session is revoked' }) },
      },
    },
    async (request, reply) => {
      await logout(deps, request.body.refreshToken);
      return reply.status(204).send(null);
    },
  );
}
