import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edgeAccessRuleOf } from '../src/app/edge-access.ts';
import type { GatewayService } from '../src/service.ts';
import { startGateway, startKitService, type FakeService } from './edge-fixtures.ts';
import { createTokenMint, unsignedToken, type TokenMint } from './tokens.ts';

describe('the gateway verifies tokens on admin and internal routes', () => {
  let service: FakeService;
  let gateway: GatewayService;
  let mint: TokenMint;
  const get = (url: string, authorization?: string) =>
    gateway.app.inject({ url, headers: authorization ? { authorization } : {} });

  beforeAll(async () => {
    service = await startKitService();
    mint = createTokenMint();
    gateway = await startGateway(
      {
        CATALOG_URL: service.url,
        INVENTORY_URL: service.url,
        GATEWAY_SERVICES: 'catalog,inventory',
      },
      { verifier: mint.verifier },
    );
  });
  afterAll(async () => {
    await gateway.close();
    await service.app.close();
  });

  it.each(['/api/admin/system', '/api/admin/dead-letters', '/api/%61dmin/system'])(
    'when %s is asked anonymously, then 401 problem+json with a bearer challenge',
    async (url) => {
      const response = await get(url);
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
      expect(response.json()).toMatchObject({ code: 'COMMON.UNAUTHENTICATED', status: 401 });
    },
  );

  it('when a redrive is posted anonymously, then 401 and no service is asked', async () => {
    service.seen.length = 0;
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/api/admin/dead-letters/dlq_1/redrive',
    });
    expect(response.statusCode).toBe(401);
    expect(service.seen).toEqual([]);
  });

  it('when a customer asks, then 403', async () => {
    const response = await get(
      '/api/admin/system',
      `Bearer ${mint.token({ roles: ['customer'] })}`,
    );
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('COMMON.FORBIDDEN');
  });

  it('when an admin asks, then the route answers', async () => {
    const response = await get('/api/admin/system', `Bearer ${mint.token({ roles: ['admin'] })}`);
    expect(response.statusCode).toBe(200);
    expect(response.json().services.map((s: { service: string }) => s.service)).toContain(
      'catalog',
    );
  });

  it('when the token is expired, tampered, unsigned, foreign or garbage, then 401', async () => {
    const admin = { roles: ['admin'] };
    const past = Math.floor(Date.now() / 1000) - 3600;
    const valid = mint.token({ roles: ['customer'] });
    const [header, , signature] = valid.split('.');
    const promoted = Buffer.from(JSON.stringify({ ...admin, sub: 'usr_1' })).toString('base64url');
    const tokens = {
      expired: mint.token({ ...admin, iat: past - 900, exp: past }),
      tampered: `${header}.${promoted}.${signature}`,
      unsigned: unsignedToken({
        ...admin,
        sub: 'usr_1',
        iss: 'emporium-accounts',
        aud: 'emporium',
      }),
      foreign: mint.token(admin, mint.strangerKey),
      otherAudience: mint.token({ ...admin, aud: 'elsewhere' }),
      garbage: 'not-a-jwt',
    };
    for (const [kind, token] of Object.entries(tokens)) {
      const response = await get('/api/admin/system', `Bearer ${token}`);
      expect({ kind, status: response.statusCode }).toEqual({ kind, status: 401 });
      expect(response.headers['www-authenticate']).toContain('error="invalid_token"');
    }
    expect((await get('/api/admin/system', 'Basic YWRtaW46YWRtaW4=')).statusCode).toBe(401);
  });

  it('when an internal route is asked anonymously or by a customer, then the gateway refuses it before the service sees it', async () => {
    service.seen.length = 0;
    expect((await get('/api/reservations')).statusCode).toBe(401);
    const customer = `Bearer ${mint.token({ roles: ['customer'] })}`;
    expect((await get('/api/reservations/res_1', customer)).statusCode).toBe(403);
    expect(service.seen).toEqual([]);
    // A service token for the owner (inventory) passes the guard and reaches the service.
    const serviceToken = `Bearer ${mint.token({ roles: ['service'], aud: 'inventory' })}`;
    const allowed = await get('/api/reservations/res_1', serviceToken);
    expect(allowed.statusCode).toBe(200);
    expect(service.seen.map((seen) => seen.url)).toEqual(['/reservations/res_1']);
  });

  it('when a public route is asked anonymously, even with a bad token, then the gateway lets the service decide', async () => {
    expect((await get('/api/products/prd_1')).statusCode).toBe(200);
    expect((await get('/api/products/prd_1', 'Bearer junk')).statusCode).toBe(200);
  });

  it('when the edge rules are read, then admin and internal paths are guarded and public ones not', () => {
    expect(edgeAccessRuleOf('GET', '/api/admin')?.roles).toEqual(['admin']);
    expect(edgeAccessRuleOf('GET', '/api/admin/dead-letters?service=x')?.audience).toBe('admin');
    expect(edgeAccessRuleOf('GET', '/api/reservations/r/commit')?.audience).toBe('internal');
    expect(edgeAccessRuleOf('GET', '/api/promotions/SUMMER/redemptions/ord_1')?.audience).toBe(
      'internal',
    );
    expect(edgeAccessRuleOf('GET', '/api/promotions/SUMMER')?.audience).toBe('admin');
    expect(edgeAccessRuleOf('GET', '/api/products')).toBeUndefined();
    expect(edgeAccessRuleOf('GET', '/api/administrators')).toBeUndefined();
    expect(edgeAccessRuleOf('GET', '/api/admin?x=1')?.audience).toBe('admin');
    expect(edgeAccessRuleOf('GET', '/api/%72eservations')?.audience).toBe('internal');
    expect(edgeAccessRuleOf('GET', '/api/products/%41')).toBeUndefined();
  });
});

describe('the gateway in embedded mode guards internal routes too', () => {
  it('when an internal route of an in-process service is asked anonymously, then 401 and the service never sees it', async () => {
    const inProcess = await startKitService(false);
    const remote = await startKitService();
    const mint = createTokenMint();
    const gateway = await startGateway(
      { CATALOG_URL: remote.url },
      { verifier: mint.verifier, inProcess: new Map([['catalog', inProcess.app]]) },
    );
    try {
      const base = await gateway.listen();
      const anonymous = await fetch(`${base}/api/reservations`, { method: 'POST' });
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer /);
      expect(inProcess.seen).toEqual([]);
      const product = await fetch(`${base}/api/products/prd_1`);
      expect(product.status).toBe(200);
      expect(inProcess.seen.map((seen) => seen.url)).toEqual(['/products/prd_1']);
    } finally {
      await gateway.close();
      await inProcess.app.close();
      await remote.app.close();
    }
  });
});
