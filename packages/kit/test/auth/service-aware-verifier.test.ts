import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createServiceAwareVerifier } from '../../src/auth/service-aware-verifier.ts';

const ISSUER = 'emporium-accounts';

describe('createServiceAwareVerifier', () => {
  let privateKey: CryptoKey;
  let verifier: ReturnType<typeof createServiceAwareVerifier>;
  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' };
    verifier = createServiceAwareVerifier({
      keys: createLocalJWKSet({ keys: [jwk] }),
      issuer: ISSUER,
      userAudience: 'emporium',
      serviceAudience: 'catalog',
    });
  });

  const sign = (claims: Record<string, unknown>, subject: string, audience: string | string[]) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setSubject(subject)
      .setIssuer(ISSUER)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);

  it('when a user token carries a sid, then the principal has the session and the user audience', async () => {
    const token = await sign({ roles: ['customer'], sid: 'fam_1' }, 'usr_1', 'emporium');
    expect(await verifier.verify(token)).toEqual({
      userId: 'usr_1',
      roles: ['customer'],
      audience: 'emporium',
      sessionId: 'fam_1',
    });
  });

  it('when a service token is for this service, then only the service role is granted', async () => {
    const token = await sign({ roles: ['service', 'admin'] }, 'gateway', 'catalog');
    expect(await verifier.verify(token)).toEqual({
      userId: 'gateway',
      roles: ['service'],
      audience: 'catalog',
    });
  });

  it('when a token with the service role names the shared user audience, then it is refused', async () => {
    const token = await sign({ roles: ['service'] }, 'gateway', 'emporium');
    await expect(verifier.verify(token)).rejects.toThrow(/only for the service it was issued for/);
  });

  it('when the verifier is asked for another service, then tokens for that service pass and tokens for this one fail', async () => {
    const inventory = verifier.forService!('inventory');
    const forInventory = await sign({ roles: ['service'] }, 'orders', 'inventory');
    expect(await inventory.verify(forInventory)).toEqual({
      userId: 'orders',
      roles: ['service'],
      audience: 'inventory',
    });
    await expect(verifier.verify(forInventory)).rejects.toThrow();
    await expect(
      inventory.verify(await sign({ roles: ['service'] }, 'x', 'catalog')),
    ).rejects.toThrow();
    const user = await sign({ roles: ['customer'] }, 'usr_1', 'emporium');
    expect((await inventory.verify(user)).roles).toEqual(['customer']);
  });

  it('when a token for this service lacks the service role, then it is refused', async () => {
    const token = await sign({ roles: ['admin'] }, 'usr_1', 'catalog');
    await expect(verifier.verify(token)).rejects.toThrow(/service role/);
  });

  it('when a service token is for another service, then it is refused', async () => {
    const token = await sign({ roles: ['service'] }, 'gateway', 'pricing');
    await expect(verifier.verify(token)).rejects.toThrow();
  });

  it('when a service is named like the user audience, then the verifier is not built', () => {
    expect(() =>
      createServiceAwareVerifier({
        keys: createLocalJWKSet({ keys: [] }),
        issuer: ISSUER,
        userAudience: 'emporium',
        serviceAudience: 'emporium',
      }),
    ).toThrow(/may not be named like the user audience/);
  });
});
