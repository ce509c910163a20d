import {
  ConfigError,
  createHttpServer,
  createServiceAwareVerifier,
  createServiceTokenSource,
  ownServiceCredentials,
  defaultServiceSecret,
  registerAuth,
  requireInternal,
  type HttpServer,
} from '@emporium/kit';
import { instantClock, silentLogger } from '@emporium/kit/testing';
import { createLocalJWKSet, decodeJwt, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAccountsConfig, type AccountsService } from '../../src/index.ts';
import { DEFAULT_ADMIN, expectProblem, loginAs, post, signedIn, startAccounts } from './harness.ts';

const GATEWAY = { clientId: 'gateway', clientSecret: defaultServiceSecret('gateway') };

describe('service tokens', () => {
  let service: AccountsService;
  let keys: JSONWebKeySet;
  let catalog: HttpServer;
  beforeAll(async () => {
    service = await startAccounts();
    keys = (await service.app.inject({ url: '/.well-known/jwks.json' })).json<JSONWebKeySet>();
    catalog = await internalService('catalog', keys);
  });
  afterAll(async () => {
    await catalog.close();
    await service.close();
  });

  const serviceToken = (body: object) => post(service, '/auth/service-token', body);
  const tokenFor = async (audience: string) => {
    const response = await serviceToken({ ...GATEWAY, audience });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ accessToken: string; expiresIn: number; tokenType: string }>();
  };
  const callInternal = (authorization?: string) =>
    catalog.inject({ url: '/internal/ping', headers: authorization ? { authorization } : {} });

  it('when a service presents its credentials, then it gets a 5-minute service token for one audience', async () => {
    const token = await tokenFor('catalog');
    expect(token).toMatchObject({ expiresIn: 300, tokenType: 'Bearer' });
    const claims = decodeJwt(token.accessToken);
    expect(claims).toMatchObject({ sub: 'gateway', aud: 'catalog', roles: ['service'] });
    expect(claims.exp! - claims.iat!).toBe(300);
  });

  it('when the token is verified by its audience, then it yields the service principal', async () => {
    const { accessToken } = await tokenFor('catalog');
    const verifier = verifierOf('catalog', keys);
    expect(await verifier.verify(accessToken)).toEqual({
      userId: 'gateway',
      roles: ['service'],
      audience: 'catalog',
    });
  });

  it('when the token is presented to another service or to a user route, then it is refused', async () => {
    const { accessToken } = await tokenFor('catalog');
    await expect(verifierOf('pricing', keys).verify(accessToken)).rejects.toThrow();
    const me = await service.app.inject({
      url: '/accounts/me',
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(me.statusCode).toBe(401);
  });

  it('when a service uses the kit token source over HTTP, then it obtains, caches and refreshes its token', async () => {
    const clock = instantClock(Date.now());
    const accountsUrl = await service.listen();
    const { source, close } = createServiceTokenSource({
      credentials: ownServiceCredentials('gateway'),
      accountsUrl,
      logger: silentLogger,
      clock,
    });
    try {
      const first = await source.token('catalog');
      expect(await verifierOf('catalog', keys).verify(first)).toMatchObject({ userId: 'gateway' });
      expect(await source.token('catalog')).toBe(first);
      clock.advance(271_000);
      const refreshed = await source.token('catalog');
      expect(decodeJwt(refreshed).iat).toBeGreaterThanOrEqual(decodeJwt(first).iat!);
      expect(refreshed).not.toBe(first);
    } finally {
      await close();
    }
  });

  it('when the secret is wrong or the client unknown, then it is 401 INVALID_CLIENT', async () => {
    const wrong = { ...GATEWAY, clientSecret: `${GATEWAY.clientSecret}x`, audience: 'catalog' };
    expectProblem(await serviceToken(wrong), 401, 'ACCOUNTS.INVALID_CLIENT');
    const unknown = { clientId: 'mallory', clientSecret: 'whatever-secret', audience: 'catalog' };
    expectProblem(await serviceToken(unknown), 401, 'ACCOUNTS.INVALID_CLIENT');
  });

  it('when a client guesses secrets five times, then even the right secret is throttled (429)', async () => {
    const isolated = await startAccounts();
    try {
      const guess = { ...GATEWAY, clientSecret: 'guessed-secret-000', audience: 'catalog' };
      for (let i = 0; i < 5; i++)
        expectProblem(
          await post(isolated, '/auth/service-token', guess),
          401,
          'ACCOUNTS.INVALID_CLIENT',
        );
      expectProblem(
        await post(isolated, '/auth/service-token', { ...GATEWAY, audience: 'catalog' }),
        429,
        'ACCOUNTS.TOO_MANY_ATTEMPTS',
      );
    } finally {
      await isolated.close();
    }
  });

  it('when the audience is not a registered service, then it is 400 UNKNOWN_AUDIENCE', async () => {
    for (const audience of ['emporium', 'payments'])
      expectProblem(await serviceToken({ ...GATEWAY, audience }), 400, 'ACCOUNTS.UNKNOWN_AUDIENCE');
  });

  it('when an internal route is called by its audience’s service or an admin, then it answers', async () => {
    const { accessToken } = await tokenFor('catalog');
    expect((await callInternal(`Bearer ${accessToken}`)).statusCode).toBe(200);
    const admin = await loginAs(service, DEFAULT_ADMIN.email, DEFAULT_ADMIN.password);
    expect((await callInternal(`Bearer ${admin.accessToken}`)).statusCode).toBe(200);
  });

  it('when an internal route is called anonymously, by a customer or with another audience’s token, then it is refused', async () => {
    expectProblem(await callInternal(), 401, 'COMMON.UNAUTHENTICATED');
    const customer = await signedIn(service, 'ann@example.com');
    expectProblem(
      await callInternal(`Bearer ${customer.accessToken}`),
      404,
      'COMMON.ROUTE_NOT_FOUND',
    );
    const { accessToken } = await tokenFor('gateway');
    expectProblem(await callInternal(`Bearer ${accessToken}`), 401, 'COMMON.UNAUTHENTICATED');
  });
});

describe('service credentials config', () => {
  it('when ACCOUNTS_STORE=postgres keeps the embedded default secrets, then start-up is refused', () => {
    expect(() => loadAccountsConfig({ ACCOUNTS_STORE: 'postgres' })).toThrow(ConfigError);
    expect(() => loadAccountsConfig({ ACCOUNTS_STORE: 'postgres' })).toThrow(
      /SERVICE_CREDENTIALS: the secret of catalog is the public embedded default/,
    );
    const own = 'catalog:0123456789abcdef0123,gateway:fedcba9876543210fedc';
    expect(
      loadAccountsConfig({ ACCOUNTS_STORE: 'postgres', SERVICE_CREDENTIALS: own })
        .SERVICE_CREDENTIALS,
    ).toBe(own);
  });

  it('when a secret is short or an entry malformed, then start-up is refused naming it', () => {
    expect(() => loadAccountsConfig({ SERVICE_CREDENTIALS: 'catalog:short' })).toThrow(
      /the secret of catalog must be at least 16 characters/,
    );
    expect(() => loadAccountsConfig({ SERVICE_CREDENTIALS: 'Bad Name:0123456789abcdef' })).toThrow(
      /"Bad Name" is not a service name/,
    );
  });
});

function verifierOf(audience: string, keys: JSONWebKeySet) {
  return createServiceAwareVerifier({
    keys: createLocalJWKSet(keys),
    issuer: 'emporium-accounts',
    userAudience: 'emporium',
    serviceAudience: audience,
  });
}

/** A minimal service with one (internal) route, verifying tokens as the host would. */
async function internalService(name: string, keys: JSONWebKeySet): Promise<HttpServer> {
  const { app } = await createHttpServer({ name, logger: silentLogger, processMetrics: false });
  registerAuth(app, verifierOf(name, keys));
  app.get('/internal/ping', { preHandler: requireInternal(name) }, async () => ({ ok: true }));
  await app.ready();
  return app;
}
