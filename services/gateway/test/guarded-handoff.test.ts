import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayService } from '../src/service.ts';
import { startGateway, startKitService, type FakeService } from './edge-fixtures.ts';
import { createTokenMint, type TokenMint } from './tokens.ts';

/**
 * Embedded mode: a guarded (admin or internal) request whose token passes the edge guard
 * is handed to the in-process service's router; a refused one is answered by the gateway
 * app's guard, and the service never sees it. No upstream URL is configured for the
 * in-process service, so a request that went through the proxy would fail with 502.
 */
describe('the in-process hand-off of guarded routes', () => {
  let service: FakeService;
  let gateway: GatewayService;
  let mint: TokenMint;
  let base: string;
  const ask = (method: string, path: string, authorization?: string) =>
    fetch(`${base}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(authorization ? { authorization: `Bearer ${authorization}` } : {}),
      },
      ...(method === 'GET' ? {} : { body: '{}' }),
    });

  beforeAll(async () => {
    service = await startKitService(false);
    mint = createTokenMint();
    gateway = await startGateway(
      { GATEWAY_SERVICES: 'catalog,inventory' },
      { verifier: mint.verifier, inProcess: new Map([['inventory', service.app]]) },
    );
    base = await gateway.listen();
  });
  afterAll(async () => {
    await gateway.close();
    await service.app.close();
  });

  it('when a service token for the owner reserves, then the request is handed off with its path rewritten and the client headers set', async () => {
    service.seen.length = 0;
    const token = mint.token({ roles: ['service'], aud: 'inventory' });
    const response = await ask('POST', '/api/reservations', token);
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    expect(service.seen).toHaveLength(1);
    expect(service.seen[0]).toMatchObject({ url: '/reservations', ip: '127.0.0.1' });
    expect(service.seen[0]?.headers['authorization']).toBe(`Bearer ${token}`);
    expect(service.seen[0]?.headers['traceparent']).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0\d$/);
  });

  it('when an admin writes stock, then it is handed off too', async () => {
    service.seen.length = 0;
    const response = await ask('PUT', '/api/inventory/SKU-1', mint.token({ roles: ['admin'] }));
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    expect(service.seen.map((seen) => seen.url)).toEqual(['/inventory/SKU-1']);
  });

  it('when the token is missing, of a customer, for another service or not signed by accounts, then the gateway answers 401 or 403 and the service sees nothing', async () => {
    service.seen.length = 0;
    const cases: [string | undefined, number][] = [
      [undefined, 401],
      [mint.token({ roles: ['customer'] }), 403],
      [mint.token({ roles: ['service'], aud: 'pricing' }), 401],
      [mint.token({ roles: ['admin'] }, mint.strangerKey), 401],
    ];
    for (const [token, status] of cases) {
      const response = await ask('POST', '/api/reservations', token);
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const body = (await response.json()) as { code: string };
      expect(body.code).toBe(status === 401 ? 'COMMON.UNAUTHENTICATED' : 'COMMON.FORBIDDEN');
    }
    expect(service.seen).toEqual([]);
  });
});
