import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPSTREAM_SERVICES, resourceOwners } from '@emporium/contracts';
import { edgeAccessRuleOf } from '../src/app/edge-access.ts';
import type { GatewayService } from '../src/service.ts';
import { startGateway, startKitService, type FakeService } from './edge-fixtures.ts';
import { createTokenMint, type TokenMint } from './tokens.ts';

type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
type Call = readonly [Method, string];

const ADMIN_ONLY: readonly Call[] = [
  ['POST', '/api/products'],
  ['PATCH', '/api/products/prd_1'],
  ['DELETE', '/api/products/prd_1'],
  ['POST', '/api/products/prd_1/images'],
  ['POST', '/api/categories'],
  ['PATCH', '/api/categories/cat_1'],
  ['PUT', '/api/prices/SKU-1'],
  ['PUT', '/api/prices'],
  ['PUT', '/api/prices?x=1'],
  ['POST', '/api/promotions'],
  ['GET', '/api/promotions'],
  ['GET', '/api/promotions/SUMMER'],
  ['PUT', '/api/inventory/SKU-1'],
  ['PUT', '/api/inventory'],
  ['POST', '/api/inventory/SKU-1/adjustments'],
  ['GET', '/api/inventory/SKU-1/adjustments?limit=5'],
  ['POST', '/api/orders/ord_1/ship'],
  ['POST', '/api/orders/ord_1/deliver'],
  ['POST', '/api/returns/ret_1/receive'],
];
/** Routes of signed-in customers (their own orders): never reached anonymously. */
const CUSTOMER: readonly Call[] = [
  ['POST', '/api/orders'],
  ['GET', '/api/orders?limit=5'],
  ['GET', '/api/orders/ord_1'],
  ['POST', '/api/orders/ord_1/cancel'],
  ['POST', '/api/orders/ord_1/returns'],
  ['GET', '/api/returns/ret_1'],
];
const INTERNAL: readonly Call[] = [
  ['POST', '/api/reservations'],
  ['POST', '/api/reservations/res_1/commit'],
  ['POST', '/api/reservations/res_1/release'],
  ['POST', '/api/promotions/SUMMER/redemptions'],
  ['DELETE', '/api/promotions/SUMMER/redemptions/ord_1'],
  ['GET', '/api/accounts/users/usr_1/addresses/adr_1'],
];
const PUBLIC: readonly Call[] = [
  ['GET', '/api/products?limit=5'],
  ['GET', '/api/products/prd_1'],
  ['HEAD', '/api/products/prd_1'],
  ['GET', '/api/categories'],
  ['GET', '/api/prices/SKU-1?currency=EUR'],
  ['GET', '/api/prices?skus=A,B&currency=USD'],
  ['GET', '/api/prices/SKU-1/history'],
  ['GET', '/api/inventory/SKU-1'],
  ['GET', '/api/inventory?skus=A,B'],
  ['GET', '/api/inventory/stream?skus=A'],
  ['POST', '/api/quotes'],
  ['GET', '/api/shipping-options?country=US'],
];
/** Spellings of guarded requests that a careless matcher would let through. */
const DISGUISED: readonly Call[] = [
  ['POST', '/api/%70roducts'],
  ['POST', '/api/products/'],
  ['PUT', '/api/prices/SKU-1?currency=USD'],
  ['PUT', '/api/pr%69ces/SKU-1'],
  ['GET', '/api/inventory/SKU-1/%61djustments'],
  ['GET', '/api/promotions/SUMMER/Redemptions'],
  ['POST', '/api/%72eservations'],
  ['POST', '/api/Reservations'],
  ['GET', '/api/%61ccounts/users/usr_1/addresses/adr_1'],
  ['GET', '/api/accounts/%75sers/usr_1/addresses/adr_1'],
  ['POST', '/api/PRODUCTS'],
  ['OPTIONS', '/api/products/prd_1'],
  ['DELETE', '/api/categories/cat_1'],
];

const ownerOf = (path: string) => resourceOwners().get(path.split('/')[2]?.split('?')[0] ?? '');

describe('the gateway refuses admin and internal requests itself, method by method', () => {
  let service: FakeService;
  let gateway: GatewayService;
  let mint: TokenMint;
  const bearer = (claims: Record<string, unknown>) => `Bearer ${mint.token(claims)}`;
  const call = ([method, url]: Call, authorization?: string) =>
    gateway.app.inject({ method, url, headers: authorization ? { authorization } : {} });

  beforeAll(async () => {
    service = await startKitService();
    mint = createTokenMint();
    const urls = Object.fromEntries(
      UPSTREAM_SERVICES.map((entry) => [entry.urlVariable, service.url]),
    );
    gateway = await startGateway(
      {
        ...urls,
        GATEWAY_SERVICES: UPSTREAM_SERVICES.map((entry) => entry.name).join(','),
      },
      { verifier: mint.verifier },
    );
  });
  afterAll(async () => {
    await gateway.close();
    await service.app.close();
  });

  it.each([...ADMIN_ONLY, ...INTERNAL])(
    'when %s %s comes anonymously, then 401 and no service sees it',
    async (method, url) => {
      service.seen.length = 0;
      const response = await call([method, url]);
      expect(response.statusCode).toBe(401);
      expect(response.json().code).toBe('COMMON.UNAUTHENTICATED');
      expect(service.seen).toEqual([]);
    },
  );

  it.each([...ADMIN_ONLY, ...INTERNAL])(
    'when %s %s comes from a customer, then 403 and no service sees it',
    async (method, url) => {
      service.seen.length = 0;
      const response = await call([method, url], bearer({ roles: ['customer'] }));
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe('COMMON.FORBIDDEN');
      expect(service.seen).toEqual([]);
    },
  );

  it.each([...ADMIN_ONLY, ...INTERNAL])(
    'when %s %s comes from an admin, then the owning service answers it',
    async (method, url) => {
      service.seen.length = 0;
      const response = await call([method, url], bearer({ roles: ['admin'] }));
      expect(response.statusCode).toBe(200);
      expect(service.seen.map((seen) => seen.url)).toEqual([url.slice('/api'.length)]);
    },
  );

  it.each(INTERNAL)(
    'when %s %s comes with a service token for its owner, then it passes; one for another service gets 401',
    async (method, url) => {
      const owner = ownerOf(url);
      expect(owner, `the manifest names the owner of ${url}`).toBeDefined();
      service.seen.length = 0;
      const allowed = await call([method, url], bearer({ roles: ['service'], aud: owner }));
      expect(allowed.statusCode).toBe(200);
      expect(service.seen).toHaveLength(1);
      const other = UPSTREAM_SERVICES.find((entry) => entry.name !== owner)!.name;
      const foreign = await call([method, url], bearer({ roles: ['service'], aud: other }));
      expect(foreign.statusCode).toBe(401);
      expect(service.seen).toHaveLength(1);
    },
  );

  it.each(ADMIN_ONLY)(
    'when %s %s comes with a service token, then 401: services get only internal routes',
    async (method, url) => {
      const response = await call([method, url], bearer({ roles: ['service'], aud: ownerOf(url) }));
      expect(response.statusCode).toBe(401);
    },
  );

  it.each(CUSTOMER)(
    'when %s %s comes anonymously or with a service token, then 401; a customer or an admin passes',
    async (method, url) => {
      service.seen.length = 0;
      expect((await call([method, url])).statusCode).toBe(401);
      const serviceToken = bearer({ roles: ['service'], aud: ownerOf(url) });
      expect((await call([method, url], serviceToken)).statusCode).toBe(401);
      expect(service.seen).toEqual([]);
      expect((await call([method, url], bearer({ roles: ['customer'] }))).statusCode).toBe(200);
      expect((await call([method, url], bearer({ roles: ['admin'] }))).statusCode).toBe(200);
      expect(service.seen).toHaveLength(2);
    },
  );

  it.each(PUBLIC)(
    'when %s %s comes anonymously, even with a bad token, then the service decides',
    async (method, url) => {
      expect((await call([method, url])).statusCode).toBe(200);
      expect((await call([method, url], 'Bearer junk')).statusCode).toBe(200);
    },
  );

  it.each(DISGUISED)(
    'when %s %s (a disguised guarded request) comes anonymously, then no service sees it',
    async (method, url) => {
      service.seen.length = 0;
      const response = await call([method, url]);
      expect([401, 404]).toContain(response.statusCode);
      expect(service.seen).toEqual([]);
    },
  );

  it('when the rules are read, then reads of shop data are open and writes and internal calls guarded', () => {
    expect(edgeAccessRuleOf('GET', '/api/prices/SKU-1')).toBeUndefined();
    expect(edgeAccessRuleOf('PUT', '/api/prices/SKU-1')?.audience).toBe('admin');
    expect(edgeAccessRuleOf('GET', '/api/inventory/SKU-1')).toBeUndefined();
    expect(edgeAccessRuleOf('GET', '/api/inventory/SKU-1/adjustments')?.audience).toBe('admin');
    expect(edgeAccessRuleOf('POST', '/api/promotions/X/redemptions')?.audience).toBe('internal');
    expect(edgeAccessRuleOf('GET', '/api/promotions/X')?.audience).toBe('admin');
    expect(edgeAccessRuleOf('POST', '/api/quotes')).toBeUndefined();
    expect(edgeAccessRuleOf('GET', '/api/accounts/users/u/addresses/a')?.audience).toBe('internal');
    expect(edgeAccessRuleOf('GET', '/api/accounts/me/addresses/a')).toBeUndefined();
    expect(edgeAccessRuleOf('GET', '/api/accounts/me')).toBeUndefined();
    expect(edgeAccessRuleOf('PATCH', '/api/%70roducts/x')?.audience).toBe('admin');
    expect(edgeAccessRuleOf('GET', '/api/%70roducts/x')).toBeUndefined();
  });
});
