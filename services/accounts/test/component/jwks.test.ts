import { createJwtVerifier, remoteKeys } from '@emporium/kit';
import { createLocalJWKSet, decodeProtectedHeader, decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountsService } from '../../src/index.ts';
import { DEFAULT_ADMIN, loginAs, startAccounts } from './harness.ts';

describe('access tokens and JWKS', () => {
  let service: AccountsService;
  beforeAll(async () => {
    service = await startAccounts();
  });
  afterAll(async () => {
    await service.close();
  });

  const verifierOptions = { issuer: 'emporium-accounts', audience: 'emporium' };

  it('when a token is checked by the kit verifier against the served JWKS, then it yields the user and roles', async () => {
    const tokens = await loginAs(service, DEFAULT_ADMIN.email, DEFAULT_ADMIN.password);
    const jwks = (await service.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json<{
      keys: { kid: string }[];
    }>();
    const verifier = createJwtVerifier({
      keys: createLocalJWKSet(jwks as never),
      ...verifierOptions,
    });
    const principal = await verifier.verify(tokens.accessToken);
    const admin = await service.stores.users.findByEmail(DEFAULT_ADMIN.email);
    expect(principal).toEqual({ userId: admin!.id, roles: ['admin'] });
    expect(decodeProtectedHeader(tokens.accessToken)).toMatchObject({
      alg: 'ES256',
      kid: jwks.keys[0]!.kid,
    });
  });

  it('when a token is decoded, then it carries iss, aud and a 15 minute expiry', async () => {
    const tokens = await loginAs(service, DEFAULT_ADMIN.email, DEFAULT_ADMIN.password);
    const claims = decodeJwt(tokens.accessToken);
    expect(claims).toMatchObject({ iss: 'emporium-accounts', aud: 'emporium' });
    expect(claims.exp! - claims.iat!).toBe(900);
  });

  it('when another service fetches the JWKS over HTTP, then the kit remote verifier accepts the token', async () => {
    const address = await service.listen();
    const tokens = await loginAs(service, DEFAULT_ADMIN.email, DEFAULT_ADMIN.password);
    const verifier = createJwtVerifier({
      keys: remoteKeys(`${address}/.well-known/jwks.json`),
      ...verifierOptions,
    });
    expect((await verifier.verify(tokens.accessToken)).roles).toEqual(['admin']);
  });

  it('when a token is verified with the wrong audience, then the kit verifier rejects it', async () => {
    const tokens = await loginAs(service, DEFAULT_ADMIN.email, DEFAULT_ADMIN.password);
    const jwks = (
      await service.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })
    ).json();
    const verifier = createJwtVerifier({
      keys: createLocalJWKSet(jwks as never),
      issuer: 'emporium-accounts',
      audience: 'someone-else',
    });
    await expect(verifier.verify(tokens.accessToken)).rejects.toThrow();
  });

  it('when the JWKS is served, then it holds only public EC keys', async () => {
    const response = await service.app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
    expect(response.headers['cache-control']).toContain('max-age');
    const [key] = response.json<{ keys: Record<string, string>[] }>().keys;
    expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(key).not.toHaveProperty('d');
  });
});
