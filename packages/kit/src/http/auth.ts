import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Clock } from '../clock.ts';
import { CommonErrors } from '../errors.ts';
import { markAccess } from './route-access.ts';

export interface Principal {
  userId: string;
  roles: string[];
  /** The `aud` the token was accepted for (set by the service-aware verifier). */
  audience?: string;
  /** The `sid` claim of a user token: its refresh-token family (accounts' session). */
  sessionId?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
  /**
   * The same keys and user audience, accepting service tokens minted for `serviceAudience`
   * instead: how the embedded platform hands the issuer's in-process verifier to each service.
   */
  forService?(serviceAudience: string): TokenVerifier;
}

export interface JwtVerifierOptions {
  keys: JWTVerifyGetKey;
  issuer: string;
  audience: string;
  /** How far `iat`, `nbf` and `exp` may be off between issuer and verifier (default 30 s). */
  clockSkewSeconds?: number;
  /** Whose time the claims are checked against (default: the system clock). */
  clock?: Pick<Clock, 'now'>;
}

export const DEFAULT_CLOCK_SKEW_SECONDS = 30;

/**
 * Verifies access tokens signed by the accounts service against its public keys (JWKS).
 * A token must expire (`exp`), and may not claim to be issued (`iat`) or valid (`nbf`)
 * later than now plus the skew: a token minted for the future would outlive its lifetime.
 */
export function createJwtVerifier(options: JwtVerifierOptions): TokenVerifier {
  const skew = options.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
  const nowMs = () => options.clock?.now() ?? Date.now();
  // A signature check costs ~0.2 ms of CPU; a service or a shopper sends the same token
  // for minutes, so a verified token is remembered (by its exact text) until it expires.
  const verified = new VerifiedTokens();
  return {
    async verify(token) {
      const remembered = verified.get(token, nowMs() / 1000, skew);
      if (remembered) return remembered;
      const now = new Date(nowMs());
      const { payload } = await jwtVerify(token, options.keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ['ES256'],
        requiredClaims: ['exp'],
        clockTolerance: skew,
        currentDate: now,
      });
      if (payload.iat !== undefined && payload.iat > now.getTime() / 1000 + skew)
        throw new Error('token is issued in the future');
      const roles = Array.isArray(payload['roles'])
        ? payload['roles'].filter((role): role is string => typeof role === 'string')
        : [];
      if (!payload.sub) throw new Error('token has no subject');
      const principal = { userId: payload.sub, roles };
      verified.remember(token, principal, payload.exp!, payload.nbf);
      return { ...principal, roles: [...roles] };
    },
  };
}

const MAX_VERIFIED_TOKENS = 10_000;

/**
 * Tokens whose signature and claims were checked, with the window in which they stay
 * valid. Keyed by the whole token, so any change to it (a forged claim, another
 * signature) misses and is checked in full; bounded, oldest first out.
 */
class VerifiedTokens {
  private readonly entries = new Map<
    string,
    { principal: Principal; expiresAt: number; notBefore: number }
  >();

  get(token: string, nowSeconds: number, skew: number): Principal | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (nowSeconds > entry.expiresAt + skew || nowSeconds < entry.notBefore - skew) {
      this.entries.delete(token);
      return undefined;
    }
    return { ...entry.principal, roles: [...entry.principal.roles] };
  }

  remember(token: string, principal: Principal, expiresAt: number, notBefore = 0): void {
    if (this.entries.size >= MAX_VERIFIED_TOKENS)
      this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { principal, expiresAt, notBefore });
  }
}

export function remoteKeys(jwksUrl: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(jwksUrl), {
    cooldownDuration: 5_000,
    cacheMaxAge: 10 * 60_000,
  });
}

/**
 * Reads `Authorization: Bearer …` when present. A missing token leaves the request
 * anonymous; a present but invalid one is answered 401 so clients notice expiry.
 */
export function registerAuth(app: FastifyInstance, verifier: TokenVerifier): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', (request, _reply, done) => {
    const header = request.headers.authorization;
    // Anonymous requests (most reads) skip the promise machinery entirely.
    if (!header) return done();
    authenticate(verifier, header).then((principal) => {
      request.principal = principal;
      done();
    }, done);
  });
}

async function authenticate(verifier: TokenVerifier, header: string): Promise<Principal> {
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match)
    throw CommonErrors.UNAUTHENTICATED.create('The Authorization header must be "Bearer <token>"');
  try {
    return await verifier.verify(match[1]!);
  } catch (error) {
    throw CommonErrors.UNAUTHENTICATED.create(
      `The access token is not valid: ${(error as Error).message}`,
    );
  }
}

export function isAdmin(request: FastifyRequest): boolean {
  return request.principal?.roles.includes('admin') ?? false;
}

/** preHandler for routes marked (admin); the route's OpenAPI operation says `admin`. */
export const requireAdmin = markAccess(async function requireAdmin(
  request: FastifyRequest,
  _reply: FastifyReply,
): Promise<void> {
  if (!request.principal)
    throw CommonErrors.UNAUTHENTICATED.create('This route needs an access token');
  if (!isAdmin(request)) throw CommonErrors.FORBIDDEN.create('This route needs the admin role');
}, 'admin');

/**
 * preHandler for routes marked (internal), given this service's name: a `service` token
 * issued for this service, or an admin. Anonymous callers get 401; signed-in customers
 * (and services holding a token for another audience) get 404, as if the route did not
 * exist: they have no business knowing the internal surface, and 404 is what owner
 * routes answer too.
 */
export function requireInternal(audience: string) {
  return markAccess(async function requireInternalCaller(request: FastifyRequest): Promise<void> {
    const principal = request.principal;
    if (!principal) throw CommonErrors.UNAUTHENTICATED.create('This route needs an access token');
    if (principal.roles.includes('admin')) return;
    if (principal.roles.includes('service') && principal.audience === audience) return;
    throw CommonErrors.ROUTE_NOT_FOUND.create(
      `No route ${request.method} ${request.url.split('?')[0]}`,
    );
  }, 'internal');
}
