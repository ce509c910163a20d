import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService, type Clock, type TokenVerifier } from '@emporium/kit';
import { createTestAuth, silentLogger } from '@emporium/kit/testing';
import { expect } from 'vitest';
import { cartService, type CartService } from '../../src/service.ts';
import { FakeShop } from './fake-upstreams.ts';

/** What `app.inject` answers (light-my-request's response). */
export type InjectResponse = Awaited<ReturnType<CartService['app']['inject']>> & {
  json(): ReturnType<JSON['parse']>;
};

export interface CartHarness {
  service: CartService;
  shop: FakeShop;
  admin: Record<string, string>;
  /** Bearer headers of a signed-in customer, by name. */
  customer(name: string): Promise<Record<string, string>>;
  /** A service token minted for the cart (what orders holds). */
  orders: Record<string, string>;
  /** A service token minted for another service. */
  foreignService: Record<string, string>;
  request(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    options?: { headers?: Record<string, string>; payload?: object },
  ): Promise<InjectResponse>;
  /** Creates an anonymous cart: its id and the header that carries its token. */
  anonymousCart(): Promise<{ id: string; headers: Record<string, string> }>;
  close(): Promise<void>;
}

/** Service tokens carry their audience: `cart` for svc_orders, another for the rest. */
function withAudience(verifier: TokenVerifier): TokenVerifier {
  return {
    async verify(token) {
      const principal = await verifier.verify(token);
      if (!principal.roles.includes('service')) return principal;
      return { ...principal, audience: principal.userId === 'svc_orders' ? 'cart' : 'pricing' };
    },
  };
}

/** The cart through the host on SQLite in a temporary folder, with fake upstreams on loopback. */
export async function startCart(
  options: { env?: Record<string, string>; clock?: Clock; shop?: FakeShop } = {},
): Promise<CartHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cart-'));
  const shop = options.shop ?? new FakeShop();
  await shop.start();
  const auth = await createTestAuth();
  const service = await startService(cartService, {
    env: {
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      CART_PORT: '0',
      CATALOG_URL: shop.catalog.url,
      PRICING_URL: shop.pricing.url,
      INVENTORY_URL: shop.inventory.url,
      // A loaded test machine must not turn a slow fake into an outage; degraded tests set less.
      CART_UPSTREAM_TIMEOUT_MS: '5000',
      ...options.env,
    },
    logger: silentLogger,
    verifier: withAudience(auth.verifier),
    processMetrics: false,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const request: CartHarness['request'] = async (method, url, opts = {}) =>
    service.app.inject({
      method,
      url,
      headers: opts.headers ?? {},
      ...(opts.payload ? { payload: opts.payload } : {}),
    });
  return {
    service,
    shop,
    admin: { authorization: await auth.bearer('usr_admin', ['admin']) },
    customer: async (name) => ({ authorization: await auth.bearer(`usr_${name}`, ['customer']) }),
    orders: { authorization: await auth.bearer('svc_orders', ['service']) },
    foreignService: { authorization: await auth.bearer('svc_pricing', ['service']) },
    request,
    async anonymousCart() {
      const created = await request('POST', '/carts');
      expect(created.statusCode).toBe(201);
      const { id, token } = created.json();
      return { id, headers: { 'x-cart-token': token } };
    },
    async close() {
      await service.close();
      await shop.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function expectProblem(
  response: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
  status: number,
  code: string,
): Record<string, unknown> {
  expect(response.statusCode).toBe(status);
  expect(String(response.headers['content-type'])).toContain('application/problem+json');
  const body = response.json() as Record<string, unknown>;
  expect(body['code']).toBe(code);
  return body;
}
