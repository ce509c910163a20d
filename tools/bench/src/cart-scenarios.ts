// The cart scenarios: a cart read of 10 lines from a warm cache (on the cart service and
// through the gateway, paired with the bare route) and add-to-cart per second through the
// gateway, each request to one of many anonymous carts with its own cart token.
import { randomUUID } from 'node:crypto';
import type { PostRoute, PostSpec } from './load.ts';
import {
  DISTRIBUTED_WRITES,
  DISTRIBUTED_WRITES_LABEL,
  atLeastReqPerSec,
  atLeastShareOfBare,
  type Scenario,
} from './scenarios.ts';
import {
  adminToken,
  benchSkus,
  retryWhileBusy,
  setPrices,
  setStock,
  type Credentials,
} from './shop-data.ts';

export const CART_READ_LINES = 10;
/** Stock of every cart SKU: no add is ever refused for want of stock. */
const ON_HAND = 10_000_000;
/** Above the distributed gateway's 30 s upstream timeout (ADR 0040). */
const REQUEST_TIMEOUT_MS = 35_000;

export interface CartSettings {
  admin: Credentials;
  /** Setup requests in flight at once (1 on the AWS emulator: it fails concurrent writes). */
  concurrency: number;
  /**
   * Anonymous carts the adds of one run rotate through; prime, so that with the 10 SKUs
   * each cart gets every SKU in turn. Each line takes at most 99 units (CART_MAX_QUANTITY),
   * so one run may add up to carts × 10 × 99 units before an add is refused.
   */
  carts: number;
}

export interface CartFixture {
  gateway: string;
  settings: CartSettings;
  skus: string[];
  /** The 10-line cart the reads load, and its token. */
  readCart: { id: string; token: string };
}

interface Created {
  id: string;
  token?: string;
}

async function call(url: string, init: RequestInit = {}): Promise<unknown> {
  // A 503 with Retry-After (the store stayed busy, nothing written) is sent again.
  const { status, text } = await retryWhileBusy(async () => {
    const response = await fetch(url, {
      ...init,
      // No JSON content type without a body: Fastify refuses an empty JSON body.
      headers:
        init.body === undefined
          ? init.headers
          : { 'content-type': 'application/json', ...init.headers },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const retryAfter = response.headers.get('retry-after');
    return { status: response.status, retryAfter, text: await response.text() };
  });
  if (status < 200 || status >= 300)
    throw new Error(`${init.method ?? 'GET'} ${url} answered ${status}: ${text.slice(0, 300)}`);
  return text ? (JSON.parse(text) as unknown) : undefined;
}

async function anonymousCart(gateway: string): Promise<{ id: string; token: string }> {
  const created = (await call(`${gateway}/api/carts`, { method: 'POST' })) as Created;
  if (!created.token) throw new Error('POST /api/carts answered no cart token');
  return { id: created.id, token: created.token };
}

/**
 * One product with 10 variants (the cart adds only SKUs the catalog knows), priced and
 * stocked as the admin, and a cart holding all 10, read once so its cache is warm.
 */
export async function prepareCarts(gateway: string, settings: CartSettings): Promise<CartFixture> {
  const token = await adminToken(gateway, settings.admin);
  const run = randomUUID().slice(0, 6).toUpperCase();
  const skus = benchSkus(`C${run}`, CART_READ_LINES);
  await call(`${gateway}/api/products`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: JSON.stringify({
      name: `Bench cart product ${run}`,
      brand: 'Bench',
      categoryIds: [],
      variants: skus.map((sku, index) => ({ sku, options: { size: String(index + 1) } })),
    }),
  });
  await setPrices(gateway, token, skus, settings.concurrency);
  await setStock(gateway, token, skus, ON_HAND, settings.concurrency);
  const readCart = await anonymousCart(gateway);
  for (const [index, sku] of skus.entries())
    await call(`${gateway}/api/carts/${readCart.id}/items`, {
      method: 'POST',
      headers: { 'x-cart-token': readCart.token },
      body: JSON.stringify({ sku, quantity: 1 + (index % 3) }),
    });
  const cart = (await call(`${gateway}/api/carts/${readCart.id}`, {
    headers: { 'x-cart-token': readCart.token },
  })) as { items: unknown[]; degraded: boolean };
  if (cart.items.length !== CART_READ_LINES || cart.degraded)
    throw new Error(`the bench cart has ${cart.items.length} lines (degraded: ${cart.degraded})`);
  return { gateway, settings, skus, readCart };
}

/** Fresh anonymous carts for one add-to-cart run, each with its own token. */
function addsToCarts(fixture: CartFixture): () => Promise<PostSpec> {
  return async () => {
    const routes: PostRoute[] = [];
    const { carts, concurrency } = fixture.settings;
    let next = 0;
    const worker = async () => {
      while (next < carts) {
        next++;
        const cart = await anonymousCart(fixture.gateway);
        routes.push({
          path: `/api/carts/${cart.id}/items`,
          headers: { 'x-cart-token': cart.token },
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, carts) }, worker));
    return {
      path: '/api/carts/-/items',
      headers: {},
      template: '{"sku":"$V","quantity":1}',
      values: fixture.skus,
      runId: randomUUID().slice(0, 8),
      routes,
    };
  };
}

const readPath = (fixture: CartFixture) => `/carts/${fixture.readCart.id}`;
const readHeaders = (fixture: CartFixture) => ({ 'x-cart-token': fixture.readCart.token });

/**
 * Embedded: the read paired with the bare reference of each round, the adds with a rate
 * target. The adds run with `addConnections` (the reservations' 64, ADR 0025 and 0036):
 * an add is answered only after its durable commit (SQLite synchronous=FULL), so with c
 * adds in flight at most c share a disk sync, and 10 would measure the sync's latency,
 * not how many adds the cart takes. A shop adding 2,000 items/s at ~20 ms each keeps ~40
 * in flight.
 */
export function buildCartScenarios(
  urls: { cart: string; gateway: string },
  fixture: CartFixture,
  addConnections: number,
): Scenario[] {
  return [
    {
      name: `cart GET /carts/{id} (${CART_READ_LINES} lines, warm cache)`,
      url: urls.cart,
      paths: [readPath(fixture)],
      headers: readHeaders(fixture),
    },
    {
      name: `gateway GET /api/carts/{id} (${CART_READ_LINES} lines, warm cache)`,
      url: urls.gateway,
      paths: [`/api${readPath(fixture)}`],
      headers: readHeaders(fixture),
      target: atLeastShareOfBare(0.25),
    },
    {
      name: `gateway POST /api/carts/{id}/items (add to cart, SQLite, ${addConnections} conns)`,
      url: urls.gateway,
      paths: ['/api/carts/{id}/items'],
      post: addsToCarts(fixture),
      connections: addConnections,
      target: atLeastReqPerSec(2_000),
    },
  ];
}

/** Distributed: the same requests on DynamoDB and Redis, no targets. */
export function buildDistributedCartScenarios(
  gateway: string,
  fixture: CartFixture | undefined,
): Scenario[] {
  return [
    {
      name: `distributed GET /api/carts/{id} (${CART_READ_LINES} lines, warm Redis cache)`,
      url: gateway,
      unpaired: true,
      paths: fixture ? [`/api${readPath(fixture)}`] : ['/api/carts/-'],
      ...(fixture ? { headers: readHeaders(fixture) } : {}),
    },
    {
      name: `distributed POST /api/carts/{id}/items (add to cart, DynamoDB, ${DISTRIBUTED_WRITES_LABEL})`,
      url: gateway,
      unpaired: true,
      ...DISTRIBUTED_WRITES,
      paths: ['/api/carts/{id}/items'],
      ...(fixture ? { post: addsToCarts(fixture) } : {}),
    },
  ];
}
