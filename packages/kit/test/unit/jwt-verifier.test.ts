import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createJwtVerifier, type TokenVerifier } from '../../src/http/auth.ts';

const issuer = 'emporium-accounts';
const audience = 'emporium';
const NOW = Date.parse('2026-06-01T12:00:00Z');
const seconds = (ms: number) => Math.floor(ms / 1000);

interface Claims {
  iat?: number;
  nbf?: number;
  exp?: number;
}

describe('createJwtVerifier refuses tokens with missing or future time claims', () => {
  let privateKey: CryptoKey;
  let verifier: TokenVerifier;
  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'test', alg: 'ES256' };
    verifier = createJwtVerifier({
      keys: createLocalJWKSet({ keys: [jwk] }),
      issuer,
      audience,
      clock: { now: () => NOW },
    });
  });

  function sign(claims: Claims): Promise<string> {
    const jwt = new SignJWT({ roles: ['customer'] })
      .setProtectedHeader({ alg: 'ES256', kid: 'test' })
      .setSubject('usr_1')
      .setIssuer(issuer)
      .setAudience(audience);
    if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
    if (claims.nbf !== undefined) jwt.setNotBefore(claims.nbf);
    if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
    return jwt.sign(privateKey);
  }

  const at = (offsetMs: number) => seconds(NOW + offsetMs);

  it('when a token is current, then it is accepted', async () => {
    const token = await sign({ iat: at(0), nbf: at(0), exp: at(15 * 60_000) });
    await expect(verifier.verify(token)).resolves.toEqual({ userId: 'usr_1', roles: ['customer'] });
  });

  it('when a token has no exp, then it is refused', async () => {
    const token = await sign({ iat: at(0) });
    await expect(verifier.verify(token)).rejects.toThrow(/exp/);
  });

  it('when iat is in the future beyond the skew, then it is refused', async () => {
    const token = await sign({ iat: at(5 * 60_000), exp: at(20 * 60_000) });
    await expect(verifier.verify(token)).rejects.toThrow(/future/);
  });

  it('when nbf is in the future beyond the skew, then it is refused', async () => {
    const token = await sign({ iat: at(0), nbf: at(5 * 60_000), exp: at(20 * 60_000) });
    await expect(verifier.verify(token)).rejects.toThrow(/nbf/);
  });

  it('when iat and nbf are ahead by less than the skew, then the token is accepted', async () => {
    const token = await sign({ iat: at(20_000), nbf: at(20_000), exp: at(15 * 60_000) });
    await expect(verifier.verify(token)).resolves.toMatchObject({ userId: 'usr_1' });
  });

  it('when the token expired, then it is refused', async () => {
    const token = await sign({ iat: at(-20 * 60_000), exp: at(-5 * 60_000) });
    await expect(verifier.verify(token)).rejects.toThrow(/exp/);
  });

  it('when the skew is configured, then it bounds how far ahead iat may be', async () => {
    const pair = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'test', alg: 'ES256' };
    const strict = createJwtVerifier({
      keys: createLocalJWKSet({ keys: [jwk] }),
      issuer,
      audience,
      clock: { now: () => NOW },
      clockSkewSeconds: 5,
    });
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: 'test' })
      .setSubject('usr_1')
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt(at(20_000))
      .setExpirationTime(at(15 * 60_000))
      .sign(pair.privateKey);
    await expect(strict.verify(token)).rejects.toThrow(/future/);
  });
});

describe('createJwtVerifier remembers verified tokens only while they are valid', () => {
  let privateKey: CryptoKey;
  let now = NOW;
  let verifier: TokenVerifier;
  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'test', alg: 'ES256' };
    verifier = createJwtVerifier({
      keys: createLocalJWKSet({ keys: [jwk] }),
      issuer,
      audience,
      clock: { now: () => now },
    });
  });

  const sign = (roles: string[], expiresAt: number) =>
    new SignJWT({ roles })
      .setProtectedHeader({ alg: 'ES256', kid: 'test' })
      .setSubject('usr_1')
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt(seconds(NOW))
      .setExpirationTime(expiresAt)
      .sign(privateKey);

  it('when a token verified before has expired since, then it is refused', async () => {
    now = NOW;
    const token = await sign(['customer'], seconds(NOW + 60_000));
    await expect(verifier.verify(token)).resolves.toMatchObject({ userId: 'usr_1' });
    now = NOW + 60_000 + 31_000;
    await expect(verifier.verify(token)).rejects.toThrow(/exp/);
    now = NOW;
  });

  it('when a verified token is altered, then the altered one is checked in full and refused', async () => {
    now = NOW;
    const token = await sign(['customer'], seconds(NOW + 60_000));
    await verifier.verify(token);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString(
      'base64url',
    );
    await expect(verifier.verify(`${header}.${forged}.${signature}`)).rejects.toThrow(/signature/);
  });

  it('when a caller changes the roles it was given, then the remembered principal is unchanged', async () => {
    now = NOW;
    const token = await sign(['customer'], seconds(NOW + 60_000));
    const first = await verifier.verify(token);
    first.roles.push('admin');
    await expect(verifier.verify(token)).resolves.toEqual({ userId: 'usr_1', roles: ['customer'] });
  });
});
