import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair } from 'jose';
import { createJwtVerifier, type TokenVerifier } from '../http/auth.ts';

export interface TestAuth {
  verifier: TokenVerifier;
  /** `Bearer …` header value for a user with these roles. */
  bearer(userId: string, roles?: string[]): Promise<string>;
}

/** Signs tokens with a throwaway key, as the accounts service would, for component tests. */
export async function createTestAuth(
  issuer = 'emporium-accounts',
  audience = 'emporium',
): Promise<TestAuth> {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test', alg: 'ES256' };
  const verifier = createJwtVerifier({
    keys: createLocalJWKSet({ keys: [jwk] }),
    issuer,
    audience,
  });
  return {
    verifier,
    async bearer(userId, roles = []) {
      const token = await new SignJWT({ roles })
        .setProtectedHeader({ alg: 'ES256', kid: 'test' })
        .setSubject(userId)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('15m')
        .sign(privateKey);
      return `Bearer ${token}`;
    },
  };
}
