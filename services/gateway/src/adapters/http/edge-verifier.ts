import type { Principal, TokenVerifier } from '@emporium/kit';

/**
 * Verifies the tokens the edge guard sees. User tokens (customers, admins) go to the host's
 * verifier. A service token is minted for one audience, the service it calls, so on an
 * internal route it is checked for that route's owner (`/api/reservations` → `inventory`)
 * with the same keys (`forService`); a token for another service fails, as it would at the
 * service.
 */
export interface EdgeVerifier {
  verify(token: string, owner: string | undefined): Promise<Principal>;
}

export function createEdgeVerifier(users: TokenVerifier): EdgeVerifier {
  const byOwner = new Map<string, TokenVerifier>();
  const verifierOf = (owner: string): TokenVerifier | undefined => {
    let verifier = byOwner.get(owner);
    if (!verifier) {
      verifier = users.forService?.(owner);
      if (verifier) byOwner.set(owner, verifier);
    }
    return verifier;
  };
  return {
    verify(token, owner) {
      const forOwner = owner && unverifiedAudiences(token).includes(owner) && verifierOf(owner);
      return (forOwner || users).verify(token);
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
