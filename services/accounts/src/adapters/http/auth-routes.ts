import { isAppError, type HttpServer } from '@emporium/kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AccountsDeps } from '../../app/deps.ts';
import { login } from '../../app/use-cases/login.ts';
import { register } from '../../app/use-cases/register.ts';
import { logout, refreshSession } from '../../app/use-cases/sessions.ts';
import { AccountsErrors } from '../../domain/errors.ts';
import { normalizeEmail, profileOf } from '../../domain/user.ts';
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
      preValidation: normalizeEmailField,
      schema: {
        tags,
        summary: 'Create a customer account',
        body: RegisterBody,
        response: { 201: UserProfileSchema },
      },
    },
    async (request, reply) => {
      const user = await withRetryAfter(reply, () =>
        register(deps, { ...request.body, ip: request.ip }),
      );
      return reply.status(201).header('location', '/accounts/me').send(profileOf(user));
    },
  );

  app.post(
    '/auth/login',
    {
      preValidation: normalizeEmailField,
      schema: {
        tags,
        summary: 'Exchange email and password for a token pair',
        body: LoginBody,
        response: { 200: TokenPairSchema },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      try {
        return await withRetryAfter(reply, () => login(deps, { email, password, ip: request.ip }));
      } catch (error) {
        logRefusedLogin(request, email, error);
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

/** Trims and lower-cases `body.email` before validation, so ` Ann@X.com ` is `ann@x.com`. */
async function normalizeEmailField(request: FastifyRequest): Promise<void> {
  const body = request.body as { email?: unknown } | null;
  if (body && typeof body === 'object' && typeof body.email === 'string')
    body.email = normalizeEmail(body.email);
}

/** Rate-limited answers say when to come back; the error handler keeps headers already set. */
async function withRetryAfter<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const retryAfter = isAppError(error) ? error.details?.['retryAfterSeconds'] : undefined;
    if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
    throw error;
  }
}

const LOGGED_REFUSALS = new Set<string>([
  AccountsErrors.INVALID_CREDENTIALS.code,
  AccountsErrors.TOO_MANY_ATTEMPTS.code,
]);

/**
 * A failed or throttled sign-in, with the account's email and the client's address, so
 * guessing shows up in the logs. Never the password: only these two fields are logged.
 */
function logRefusedLogin(request: FastifyRequest, email: string, error: unknown): void {
  if (!isAppError(error) || !LOGGED_REFUSALS.has(error.code)) return;
  request.log.warn(
    { event: 'login_failed', code: error.code, email, clientAddress: request.ip },
    error.code === AccountsErrors.INVALID_CREDENTIALS.code
      ? 'failed login'
      : 'login refused: too many failed attempts',
  );
}
