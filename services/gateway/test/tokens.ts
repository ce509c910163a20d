import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServiceAwareVerifier, type TokenVerifier } from '@emporium/kit';

const ISSUER = 'emporium-accounts';
const AUDIENCE = 'emporium';

export interface TokenMint {
  verifier: TokenVerifier;
  /** A signed ES256 access token as accounts issues them; `claims` override the defaults. */
  token(claims?: Record<string, unknown>, key?: KeyObject): string;
  /** A key the verifier does not know. */
  strangerKey: KeyObject;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Tokens of every shape an attacker might try, checked by the kit's real JWT verifier. */
export function createTokenMint(): TokenMint {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const strangerKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  // As every service verifies: user tokens for the shared audience, service tokens for its own.
  const verifier = createServiceAwareVerifier({
    keys: async () => publicKey,
    issuer: ISSUER,
    userAudience: AUDIENCE,
    serviceAudience: 'gateway',
  });
  return {
    verifier,
    strangerKey,
    token(claims = {}, key = privateKey) {
      const now = Math.floor(Date.now() / 1000);
      const header = base64url({ alg: 'ES256', kid: 'test', typ: 'JWT' });
      const payload = base64url({
        sub: 'usr_1',
        roles: [],
        iss: ISSUER,
        aud: AUDIENCE,
        iat: now,
        exp: now + 900,
        ...claims,
      });
      const signature = sign('sha256', Buffer.from(`${header}.${payload}`), {
        key,
        dsaEncoding: 'ieee-p1363',
      }).toString('base64url');
      return `${header}.${payload}.${signature}`;
    },
  };
}

/** The same claims with `alg: none` and no signature. */
export function unsignedToken(claims: Record<string, unknown>): string {
  return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
}
