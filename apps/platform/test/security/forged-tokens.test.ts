import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SignJWT,
  UnsecuredJWT,
  decodeJwt,
  decodeProtectedHeader,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
} from 'jose';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '../embedded-platform.ts';
import {
  SECURITY_ENV,
  operationsOf,
  signUpCustomer,
  statusOf,
  targetsOf,
  type Operation,
} from './attack-surface.ts';

interface SigningKeys {
  signingKeys: { list(): Promise<{ kid: string; privateJwk: JWK }[]> };
}

type Signer = Parameters<SignJWT['sign']>[0];

const now = () => Math.floor(Date.now() / 1000);

/** Signs `claims` as accounts would, with `key` under `kid`. */
const signed = (claims: JWTPayload, key: Signer, kid: string) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' }).sign(key);

describe('expired, tampered, wrong-key and alg:none tokens are refused everywhere', () => {
  let embedded: EmbeddedPlatform;
  let operations: Operation[];
  let genuine: string;
  let claims: JWTPayload;
  let realKey: Signer;
  let kid: string;
  let forged: [string, string][];

  beforeAll(async () => {
    embedded = await startEmbeddedPlatform('security-tokens', SECURITY_ENV);
    operations = await operationsOf(embedded);
    genuine = (await signUpCustomer(embedded.api, 'dora@example.com')).accessToken;
    claims = decodeJwt(genuine);
    kid = decodeProtectedHeader(genuine).kid!;
    // The issuer's own key, so an expired token differs from a valid one only in its times.
    const accounts = embedded.platform.services.get('accounts')!.stores as unknown as SigningKeys;
    const record = (await accounts.signingKeys.list()).find((key) => key.kid === kid)!;
    realKey = (await importJWK(record.privateJwk, 'ES256')) as Signer;
    const stranger = (await generateKeyPair('ES256')).privateKey;
    const [header, , signature] = genuine.split('.');
    const escalated = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString(
      'base64url',
    );
    forged = [
      ['expired', await signed({ ...claims, iat: now() - 1800, exp: now() - 900 }, realKey, kid)],
      ['tampered (roles changed to admin)', `${header}.${escalated}.${signature}`],
      ['signed by another key', await signed({ ...claims, roles: ['admin'] }, stranger, kid)],
      [
        'alg: none',
        new UnsecuredJWT({ ...claims, roles: ['admin'] })
          .setIssuedAt()
          .setExpirationTime('10m')
          .encode(),
      ],
    ];
  });
  afterAll(() => embedded?.close());

  it('when a token is forged with the issuer key and fresh times, then it is accepted (the forgeries below differ only in what they break)', async () => {
    const fresh = await signed({ ...claims, iat: now(), exp: now() + 300 }, realKey, kid);
    for (const base of [embedded.api, embedded.platform.urls['accounts']]) {
      const response = await fetch(`${base}/accounts/me`, {
        headers: { authorization: `Bearer ${fresh}` },
      });
      expect(response.status).toBe(200);
    }
    expect(await statusOf('GET', `${embedded.api}/accounts/me`, `Bearer ${genuine}`)).toBe(200);
  });

  it('when every route kind (admin, internal, signed-in and owner, public) of every service is called with a bad token, through the gateway and on its own port, then each answers 401', async () => {
    // The gateway's session routes take a cookie, not a bearer token (browser-session.test.ts).
    const called = operations.filter(
      (operation) => operation.service !== 'gateway' || operation.secured,
    );
    const kinds = new Set(
      called.map((operation) => operation.access ?? (operation.secured ? 'user' : 'public')),
    );
    expect([...kinds].sort()).toEqual(['admin', 'internal', 'public', 'user']);
    const accepted: string[] = [];
    for (const [kind, token] of forged)
      for (const operation of called)
        for (const target of targetsOf(embedded, operation)) {
          const status = await statusOf(operation.method, target.url, `Bearer ${token}`);
          if (status !== 401)
            accepted.push(`${kind}: ${operation.method} ${target.url} (${target.via}) → ${status}`);
        }
    expect(accepted).toEqual([]);
  });

  it('when a bad token is refused, then the answer is a problem with a Bearer invalid_token challenge', async () => {
    for (const [, token] of forged) {
      const response = await fetch(`${embedded.api}/accounts/me`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer .*invalid_token/);
      expect(((await response.json()) as { code: string }).code).toBe('COMMON.UNAUTHENTICATED');
    }
  });
});
