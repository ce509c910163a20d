import {
  createServiceAwareVerifier,
  remoteKeys,
  type CommonConfigValues,
  type Principal,
  type TokenVerifier,
} from '@emporium/kit';

/**
 * Verifies the tokens the edge guard sees. User tokens (customers, admins) go to the host's
 * verifier. A service token is minted for one audience, the service it calls, so on an
 * internal route it is checked against that route's owner (`/api/reservations` →
 * `inventory`) with the accounts service's public keys; a token for another service fails,
 * as it would at the service.
 */
export interface EdgeVerifier {
  verify(token: string, owner: string | undefined): Promise<Principal>;
}

export function createEdgeVerifier(
  config: Pick<
    CommonConfigValues,
    'AUTH_JWKS_URL' | 'AUTH_ISSUER' | 'AUTH_AUDIENCE' | 'AUTH_CLOCK_SKEW_SECONDS'
  >,
  users: TokenVerifier,
): EdgeVerifier {
  let keys: ReturnType<typeof remoteKeys> | undefined;
  const byOwner = new Map<string, TokenVerifier>();
  const verifierOf = (owner: string): TokenVerifier => {
    let verifier = byOwner.get(owner);
    if (!verifier) {
      keys ??= remoteKeys(config.AUTH_JWKS_URL);
      verifier = createServiceAwareVerifier({
        keys,
        issuer: config.AUTH_ISSUER,
        userAudience: config.AUTH_AUDIENCE,
        serviceAudience: owner,
        clockSkewSeconds: config.AUTH_CLOCK_SKEW_SECONDS,
      });
      byOwner.set(owner, verifier);
    }
    return verifier;
  };
  return {
    verify(token, owner) {
      return owner && unverifiedAudiences(token).includes(owner)
        ? verifierOf(owner).verify(token)
        : users.verify(token);
    },
  };
}

/** The `aud` claim as the token states it; it only picks the verifier, which checks it. */
function unverifiedAudiences(token: string): string[] {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
      aud?: unknown;
    };
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    return audiences.filter((audience): audience is string => typeof audience === 'string');
  } catch {
    return [];
  }
}
