import { decodeJwt, type JWTVerifyGetKey } from 'jose';
import { createJwtVerifier, type Principal, type TokenVerifier } from '../http/auth.ts';

export const SERVICE_ROLE = 'service';

export interface ServiceAwareVerifierOptions {
  keys: JWTVerifyGetKey;
  issuer: string;
  /** `aud` of user tokens (AUTH_AUDIENCE, shared by every service). */
  userAudience: string;
  /** This service's name: the only audience of service tokens it accepts. */
  serviceAudience: string;
  /** Tolerated clock difference for `iat`/`nbf`/`exp` (AUTH_CLOCK_SKEW_SECONDS). */
  clockSkewSeconds?: number;
}

/**
 * Verifies user tokens (audience `userAudience`) and service tokens (audience = this
 * service). A service token minted for another service fails here, and a token with the
 * `service` role is never accepted under the shared user audience, so a token one service
 * obtained cannot be replayed against another.
 */
export function createServiceAwareVerifier(options: ServiceAwareVerifierOptions): TokenVerifier {
  const { keys, issuer, userAudience, serviceAudience } = options;
  const skew =
    options.clockSkewSeconds === undefined ? {} : { clockSkewSeconds: options.clockSkewSeconds };
  if (userAudience === serviceAudience)
    throw new Error(`A service may not be named like the user audience "${userAudience}"`);
  const users = createJwtVerifier({ keys, issuer, audience: userAudience, ...skew });
  const services = createJwtVerifier({ keys, issuer, audience: serviceAudience, ...skew });
  return {
    async verify(token): Promise<Principal> {
      // Unverified claims only choose which verifier runs; that verifier checks everything.
      const claims = decodeJwt(token);
      const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
      if (audiences.includes(serviceAudience)) {
        const principal = await services.verify(token);
        if (!principal.roles.includes(SERVICE_ROLE))
          throw new Error('a token for this service must carry the service role');
        return { userId: principal.userId, roles: [SERVICE_ROLE], audience: serviceAudience };
      }
      const principal = await users.verify(token);
      if (principal.roles.includes(SERVICE_ROLE))
        throw new Error('a service token is valid only for the service it was issued for');
      const sessionId = typeof claims['sid'] === 'string' ? claims['sid'] : undefined;
      return { ...principal, audience: userAudience, ...(sessionId ? { sessionId } : {}) };
    },
    forService: (audience) => createServiceAwareVerifier({ ...options, serviceAudience: audience }),
  };
}
