import { parseJsonBody, Text, type HttpServer } from '@emporium/kit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TLSSocket } from 'node:tls';
import { Type } from 'typebox';
import {
  CSRF_HEADER,
  SESSION_PATH,
  clearedSessionCookie,
  csrfRefusalOf,
  sessionCookie,
  sessionTokenOf,
} from '../../app/browser-session.ts';
import { GatewayErrors } from '../../app/errors.ts';
import {
  refreshBrowserSession,
  registerAndSignIn,
  signIn,
  type BrowserSession,
  type SessionIssuer,
} from '../../app/session-issuer.ts';
import { isAppError, type TrustProxy } from '@emporium/kit';
import type { ForwardedFor } from '@emporium/contracts';
import { clientViewOf } from './client-address.ts';

export interface SessionRouteOptions {
  issuer: SessionIssuer;
  trust: TrustProxy;
  /** Origins besides the gateway's own that may use the session (GATEWAY_SESSION_ORIGINS). */
  allowedOrigins: ReadonlySet<string>;
}

const tags = ['session'];

/** What the browser gets: no refresh token, whatever the issuer returns (the schema drops it). */
const SessionSchema = Type.Object(
  {
    accessToken: Type.String(),
    expiresIn: Type.Integer({ description: 'Seconds until the access token expires' }),
    tokenType: Type.Literal('Bearer'),
    user: Type.Object({
      id: Type.String(),
      email: Type.String(),
      name: Type.String(),
      roles: Type.Array(Type.String()),
    }),
  },
  { additionalProperties: false },
);

const Credentials = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
const Registration = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    name: Text({ minLength: 1, maxLength: 100 }),
  },
  { additionalProperties: false },
);
const CsrfHeaders = Type.Object({
  [CSRF_HEADER]: Type.Optional(Type.String({ description: 'Must be 1' })),
});

/** How the client reached the gateway: whom we may tell accounts about, and over which scheme. */
interface ClientFacts {
  forwarded: ForwardedFor;
  secure: boolean;
}

function clientFactsOf(request: FastifyRequest, trust: TrustProxy): ClientFacts {
  const socket = request.raw.socket as Partial<TLSSocket>;
  const view = clientViewOf(
    socket.remoteAddress ?? request.ip,
    request.headers,
    socket.encrypted === true,
    trust,
  );
  return { forwarded: { ...view.headers }, secure: view.headers['x-forwarded-proto'] === 'https' };
}

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * The storefront's session (ADR 0032): sign in, sign up and sign in, refresh and sign out
 * for browsers. The refresh token lives only in the `HttpOnly; SameSite=Strict` cookie
 * scoped to `/api/session`; answers carry the access token and the user. Every route
 * refuses a request that may come from a foreign page (403, see `csrfRefusalOf`) before it
 * reads the body or the cookie. API clients keep `/api/auth/*` and its JSON tokens.
 */
export async function registerSessionRoutes(
  app: HttpServer,
  options: SessionRouteOptions,
): Promise<void> {
  const { issuer, trust, allowedOrigins } = options;

  const refuseForeignRequests = async (request: FastifyRequest) => {
    const proto = clientFactsOf(request, trust).secure ? 'https' : 'http';
    const host = one(request.headers.host)?.toLowerCase();
    const refusal = csrfRefusalOf(
      {
        origin: one(request.headers.origin),
        fetchSite: one(request.headers['sec-fetch-site']),
        csrfHeader: one(request.headers[CSRF_HEADER]),
        ownOrigin: host ? `${proto}://${host}` : undefined,
      },
      allowedOrigins,
    );
    if (!refusal) return;
    request.log.warn({ event: 'session_csrf_refused', reason: refusal.reason }, refusal.detail);
    throw (
      refusal.reason === 'cross_origin'
        ? GatewayErrors.CROSS_ORIGIN_REFUSED
        : GatewayErrors.CSRF_HEADER_REQUIRED
    ).create(refusal.detail);
  };

  const answer = (
    reply: FastifyReply,
    facts: ClientFacts,
    session: BrowserSession,
    status = 200,
  ) => {
    reply.header(
      'set-cookie',
      sessionCookie(session.refreshToken, {
        secure: facts.secure,
        maxAgeSeconds: session.refreshExpiresIn,
      }),
    );
    const { accessToken, expiresIn, tokenType, user } = session;
    return reply.status(status).send({ accessToken, expiresIn, tokenType, user });
  };

  await app.register(async (scope: FastifyInstance) => {
    // The gateway streams every other body through unparsed; these routes read small JSON.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'string', bodyLimit: 16 * 1024 },
      (_request, body, done) => {
        try {
          done(null, parseJsonBody(body as string));
        } catch (error) {
          done(error as Error, undefined);
        }
      },
    );
    scope.addHook('onRequest', async (request, reply) => {
      reply.header('cache-control', 'no-store');
      reply.header('pragma', 'no-cache');
      await refuseForeignRequests(request);
    });
    const server = scope as unknown as HttpServer;

    server.post(
      SESSION_PATH,
      {
        schema: {
          tags,
          summary: 'Sign in a browser: the refresh token goes to an HttpOnly cookie',
          headers: CsrfHeaders,
          body: Credentials,
          response: { 200: SessionSchema },
        },
      },
      async (request, reply) => {
        const facts = clientFactsOf(request, trust);
        const email = request.body.email.trim().toLowerCase();
        const session = await withRetryAfter(reply, () =>
          signIn(issuer, { email, password: request.body.password }, facts.forwarded),
        );
        return answer(reply, facts, session);
      },
    );

    server.post(
      `${SESSION_PATH}/register`,
      {
        schema: {
          tags,
          summary: 'Create a customer account and sign the browser in',
          headers: CsrfHeaders,
          body: Registration,
          response: { 201: SessionSchema },
        },
      },
      async (request, reply) => {
        const facts = clientFactsOf(request, trust);
        const { password, name } = request.body;
        const email = request.body.email.trim().toLowerCase();
        const session = await withRetryAfter(reply, () =>
          registerAndSignIn(issuer, { email, password, name }, facts.forwarded),
        );
        return answer(reply, facts, session, 201);
      },
    );

    server.post(
      `${SESSION_PATH}/refresh`,
      {
        schema: {
          tags,
          summary: 'A new access token for the session cookie, which rotates',
          headers: CsrfHeaders,
          response: { 200: SessionSchema },
        },
      },
      async (request, reply) => {
        const facts = clientFactsOf(request, trust);
        const token = sessionTokenOf(one(request.headers.cookie), facts.secure);
        if (!token) {
          reply.header('set-cookie', clearedSessionCookie(facts.secure));
          throw GatewayErrors.NO_SESSION.create('No session cookie; sign in');
        }
        try {
          return answer(reply, facts, await refreshBrowserSession(issuer, token, facts.forwarded));
        } catch (error) {
          // A refused token (spent, expired, revoked) is worth nothing: drop the cookie.
          if (isAppError(error) && error.kind === 'unauthenticated')
            reply.header('set-cookie', clearedSessionCookie(facts.secure));
          throw error;
        }
      },
    );

    server.delete(
      SESSION_PATH,
      {
        schema: {
          tags,
          summary: 'Sign the browser out: revokes the session and clears the cookie',
          headers: CsrfHeaders,
          response: { 204: Type.Null({ description: 'Signed out' }) },
        },
      },
      async (request, reply) => {
        const facts = clientFactsOf(request, trust);
        const token = sessionTokenOf(one(request.headers.cookie), facts.secure);
        if (token) await issuer.logout(token, facts.forwarded);
        return reply
          .header('set-cookie', clearedSessionCookie(facts.secure))
          .status(204)
          .send(null);
      },
    );
  });
}

/** Throttled answers keep the accounts service's `Retry-After`. */
async function withRetryAfter<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const retryAfter = isAppError(error) ? error.details?.['retryAfterSeconds'] : undefined;
    if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
    throw error;
  }
}
