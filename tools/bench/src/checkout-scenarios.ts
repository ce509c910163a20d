// Checkouts per second end to end through the gateway (issue 10): signed-in shoppers place
// orders with `tok_visa` on prepared carts, one distinct SKU per cart; afterwards the
// oversold units, the units still held and the lost or duplicated orders, read back
// through the API.
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import type { LoadResult } from './load.ts';
import type { CheckReport } from './report.ts';
import {
  DISTRIBUTED_WRITES,
  DISTRIBUTED_WRITES_LABEL,
  type RunOptions,
  type Scenario,
  type Target,
} from './scenarios.ts';
import {
  adminToken,
  benchSkus,
  eachConcurrently,
  oversoldUnits,
  readStock,
  retryWhileBusy,
  type Credentials,
} from './shop-data.ts';

/** Far more than a run can sell: every checkout can be confirmed. */
const ON_HAND = 1_000_000;
/**
 * Variants of each checkout product. A product is one DynamoDB transaction of its item,
 * slug claim, one claim per SKU and its event: 100 variants were 103 items, over the cap
 * of 100 (422 CATALOG.WRITE_TOO_LARGE), and moto copies the whole table once per item, so
 * 50 took over the gateway's 10 s (504). 10 make 13 items (ADR 0040).
 */
const VARIANTS_PER_PRODUCT = 10;
const PASSWORD = 'bench shopper passphrase';
/** A checkout that takes longer counts as a timeout (as wrk's `--timeout 10s`). */
const CHECKOUT_TIMEOUT_MS = 10_000;
/** Setup waits longer: on a busy machine a sign-up queues for its password hash. */
const SETUP_TIMEOUT_MS = 60_000;
/** Items of one `PUT /api/prices` or `PUT /api/inventory` (the batch routes' limit). */
const BATCH_ITEMS = 500;
const ADDRESS = {
  name: 'Bench Shopper',
  line1: '1 Load Street',
  city: 'Portland',
  postalCode: '97201',
  country: 'US',
};

export interface CheckoutSettings {
  admin: Credentials;
  /** How many SKUs the carts rotate through (one SKU per cart). */
  skus: number;
  /**
   * Signed-in customers, each with one prepared cart per measured run (a customer has one
   * open cart; it is gone once ordered): the most checkouts one run can time.
   */
  shoppers: number;
  /** Setup requests in flight at once. */
  concurrency: number;
  /** Carts (of the first shoppers) checked out, unmeasured, before each measured run. */
  warmupCarts: number;
  /**
   * SKUs of one setup `PUT /api/prices` or `PUT /api/inventory` (default 500, the routes'
   * limit). Distributed fewer: 100 SKUs in one inventory batch kept moto busy past the
   * gateway's 10 s (ADR 0040).
   */
  batchItems?: number;
}

interface Shopper {
  authorization: string;
  refreshToken: string;
  signedInAt: number;
}

/** What one checkout answered: the ledger the checks compare the stored orders with. */
interface Placed {
  status: number;
  orderId?: string;
  orderStatus?: string;
}

export interface CheckoutFixture {
  gateway: string;
  settings: CheckoutSettings;
  skus: string[];
  shoppers: Shopper[];
  /** Every cart checked out (warm-up included), by cart id. */
  ledger: Map<string, Placed>;
  /** Carts prepared and not checked out yet (a run that ran out of time leaves some). */
  unused: Set<string>;
  agent: Agent;
}

interface Answer {
  status: number;
  body: unknown;
  retryAfter?: string | null;
}

/** One JSON request over `agent` (kept-alive sockets), never rejecting on a status. */
function send(
  agent: Agent,
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: unknown,
  timeoutMs = SETUP_TIMEOUT_MS,
): Promise<Answer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method,
        agent,
        timeout: timeoutMs,
        headers: payload
          ? {
              ...headers,
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(payload),
            }
          : headers,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            parsed = text;
          }
          const retryAfter = response.headers['retry-after'] ?? null;
          resolve({ status: response.statusCode ?? 0, body: parsed, retryAfter });
        });
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('timeout')));
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

/** Tries of a setup PUT of absolute prices or counts (a repeat writes the same). */
const PUT_ATTEMPTS = 4;

/**
 * A setup PUT of absolute values, sent again after any 5xx (a 504 when the gateway gave up
 * on a slow store, which may still finish: the repeat writes the same values), and after
 * a 503 as long as its Retry-After says.
 */
async function retryIdempotent(put: () => Promise<Answer>): Promise<Answer> {
  // Also for reads: a GET is as safe to repeat as a PUT of absolute values.
  for (let attempt = 1; ; attempt++) {
    const answer = await retryWhileBusy(put);
    if (answer.status < 500 || attempt >= PUT_ATTEMPTS) return answer;
    await new Promise((resolve) => setTimeout(resolve, 1_000 * attempt));
  }
}

async function expectStatus(answer: Promise<Answer>, what: string, expected: number[]) {
  const { status, body } = await answer;
  if (!expected.includes(status))
    throw new Error(`${what} answered ${status}: ${JSON.stringify(body).slice(0, 300)}`);
  return body;
}

/** Products with `skus` variants, their prices and stock, and `shoppers` signed-in customers. */
export async function prepareCheckout(
  gateway: string,
  settings: CheckoutSettings,
): Promise<CheckoutFixture> {
  // Setup opens a connection per request: a kept-alive socket the server closes while idle
  // fails the next request on it (ECONNRESET), and setup is not what is measured.
  const agent = new Agent({ keepAlive: false, maxSockets: settings.concurrency });
  try {
    const admin = { authorization: `Bearer ${await adminToken(gateway, settings.admin)}` };
    const run = randomUUID().slice(0, 6).toUpperCase();
    const skus = benchSkus(`O${run}`, settings.skus);
    const products: string[][] = [];
    for (let start = 0; start < skus.length; start += VARIANTS_PER_PRODUCT)
      products.push(skus.slice(start, start + VARIANTS_PER_PRODUCT));
    await eachConcurrently(products, settings.concurrency, (variants) =>
      expectStatus(
        retryWhileBusy(() =>
          send(agent, `${gateway}/api/products`, 'POST', admin, {
            name: `Bench checkout ${variants[0]}`,
            brand: 'Bench',
            categoryIds: [],
            variants: variants.map((sku) => ({ sku, options: { size: sku } })),
          }),
        ),
        'POST /api/products',
        [201],
      ),
    );
    // The batch routes: one transaction per 500 SKUs, not one request per SKU.
    const batchItems = settings.batchItems ?? BATCH_ITEMS;
    for (let start = 0; start < skus.length; start += batchItems) {
      const batch = skus.slice(start, start + batchItems);
      await expectStatus(
        retryIdempotent(() =>
          send(agent, `${gateway}/api/prices`, 'PUT', admin, {
            items: batch.map((sku, i) => ({ sku, amount: 1999 + start + i, currency: 'USD' })),
          }),
        ),
        'PUT /api/prices',
        [200],
      );
      await expectStatus(
        retryIdempotent(() =>
          send(agent, `${gateway}/api/inventory`, 'PUT', admin, {
            items: batch.map((sku) => ({ sku, onHand: ON_HAND })),
          }),
        ),
        'PUT /api/inventory',
        [200],
      );
    }
    const shoppers: Shopper[] = [];
    await eachConcurrently(
      Array.from({ length: settings.shoppers }, (_, i) => i),
      settings.concurrency,
      async (i) => {
        const credentials = {
          email: `bench.${run.toLowerCase()}.${i}@example.com`,
          password: PASSWORD,
        };
        await expectStatus(
          send(
            agent,
            `${gateway}/api/auth/register`,
            'POST',
            {},
            { ...credentials, name: `Bench ${i}` },
          ),
          'POST /api/auth/register',
          [201],
        );
        shoppers.push(
          signedIn(
            await expectStatus(
              send(agent, `${gateway}/api/auth/login`, 'POST', {}, credentials),
              'POST /api/auth/login',
              [200],
            ),
          ),
        );
      },
    );
    return { gateway, settings, skus, shoppers, ledger: new Map(), unused: new Set(), agent };
  } catch (error) {
    agent.destroy();
    throw error;
  }
}

function signedIn(body: unknown): Shopper {
  const { accessToken, refreshToken } = body as { accessToken: string; refreshToken: string };
  return { authorization: `Bearer ${accessToken}`, refreshToken, signedInAt: Date.now() };
}

/** Access tokens live 15 minutes: those older than 10 are renewed with the refresh token. */
async function refreshShoppers(fixture: CheckoutFixture) {
  const stale = fixture.shoppers.filter((shopper) => Date.now() - shopper.signedInAt > 600_000);
  await eachConcurrently(stale, fixture.settings.concurrency, async (shopper) => {
    const renewed = signedIn(
      await expectStatus(
        send(
          fixture.agent,
          `${fixture.gateway}/api/auth/refresh`,
          'POST',
          {},
          {
            refreshToken: shopper.refreshToken,
          },
        ),
        'POST /api/auth/refresh',
        [200],
      ),
    );
    Object.assign(shopper, renewed);
  });
}

interface Cart {
  id: string;
  authorization: string;
}

let skuCursor = 0;

/** Tries of one setup add-to-cart that timed out (a 5xx). */
const ADD_ATTEMPTS = 3;

/**
 * One unit of `sku` into the cart. After a 5xx (the gateway gave up on a busy store, which
 * may still have written it) the cart is read: the add is sent again only if the line is
 * not there, so a cart never gets two units.
 */
async function addLine(
  fixture: CheckoutFixture,
  cartId: string,
  headers: Record<string, string>,
  sku: string,
): Promise<void> {
  const { agent, gateway } = fixture;
  for (let attempt = 1; ; attempt++) {
    const answer = await retryWhileBusy(() =>
      send(agent, `${gateway}/api/carts/${cartId}/items`, 'POST', headers, { sku, quantity: 1 }),
    );
    if (answer.status === 201) return;
    if (answer.status < 500 || attempt >= ADD_ATTEMPTS)
      throw new Error(
        `POST /api/carts/{id}/items answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`,
      );
    const cart = await retryIdempotent(() =>
      send(agent, `${gateway}/api/carts/${cartId}`, 'GET', headers),
    );
    const items = (cart.body as { items?: { sku: string }[] } | undefined)?.items ?? [];
    if (cart.status === 200 && items.some((item) => item.sku === sku)) return;
  }
}

/** One cart of one line (the next SKU in turn) for each of `shoppers`. */
export async function prepareCarts(fixture: CheckoutFixture, shoppers: Shopper[]): Promise<Cart[]> {
  const { agent, gateway } = fixture;
  const carts: Cart[] = [];
  await eachConcurrently(shoppers, fixture.settings.concurrency, async ({ authorization }) => {
    const headers = { authorization };
    // 200: the shopper's cart of an earlier run that was not ordered (it failed or ran out of time).
    const created = (await expectStatus(
      retryWhileBusy(() => send(agent, `${gateway}/api/carts`, 'POST', headers)),
      'POST /api/carts',
      [200, 201],
    )) as { id: string };
    const sku = fixture.skus[skuCursor++ % fixture.skus.length]!;
    await addLine(fixture, created.id, headers, sku);
    // The shopper sees the cart (with its prices) before checking out, as the storefront's
    // checkout page does (ADR 0035): the order's read of the cart then finds that quote in
    // the cart's cache, as a real checkout would (ADR 0037).
    await expectStatus(
      retryIdempotent(() => send(agent, `${gateway}/api/carts/${created.id}`, 'GET', headers)),
      'GET /api/carts/{id}',
      [200],
    );
    carts.push({ id: created.id, authorization });
    fixture.unused.add(created.id);
  });
  return carts;
}

/**
 * `connections` closed loops placing an order on the next cart until the carts or the time
 * run out; latencies of every answer, the rate counts confirmed orders only.
 */
export async function checkoutLoop(
  fixture: CheckoutFixture,
  carts: Cart[],
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let next = 0;
  let errors = 0;
  let timeouts = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const cart = carts[next++];
      if (!cart) return;
      fixture.unused.delete(cart.id);
      const begun = performance.now();
      const placed: Placed = { status: 0 };
      fixture.ledger.set(cart.id, placed);
      try {
        const answer = await send(
          agent,
          `${fixture.gateway}/api/orders`,
          'POST',
          { authorization: cart.authorization, 'idempotency-key': `bench-${cart.id}` },
          {
            cartId: cart.id,
            shippingAddress: ADDRESS,
            shippingOptionId: 'standard',
            payment: { token: 'tok_visa' },
          },
          CHECKOUT_TIMEOUT_MS,
        );
        latencies.push(performance.now() - begun);
        const order = answer.body as { id?: string; status?: string };
        placed.status = answer.status;
        if (order?.id) placed.orderId = order.id;
        if (order?.status) placed.orderStatus = order.status;
        const code = answer.status === 201 ? `201 ${order?.status ?? '?'}` : String(answer.status);
        statusCodes[code] = (statusCodes[code] ?? 0) + 1;
        if (answer.status !== 201 && !firstError)
          firstError = `${answer.status}: ${JSON.stringify(answer.body).slice(0, 200)}`;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (message === 'timeout') timeouts++;
        else errors++;
        firstError ??= message;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsedSeconds = (performance.now() - started) / 1000;
  agent.destroy();
  const sorted = Float64Array.from(latencies).sort();
  const percentile = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  const confirmed = statusCodes['201 confirmed'] ?? 0;
  return {
    requests: latencies.length,
    reqPerSec: confirmed / elapsedSeconds,
    p50Ms: percentile(0.5),
    p99Ms: percentile(0.99),
    maxMs: sorted.at(-1) ?? NaN,
    errors,
    timeouts,
    non2xx: latencies.length - confirmed,
    statusCodes,
    ...(firstError ? { firstError } : {}),
  };
}

/**
 * One measured run: carts of a few shoppers checked out as a warm-up, then a cart for every
 * shopper prepared (not timed), then the timed checkouts.
 */
function checkoutRun(fixture: CheckoutFixture) {
  return async (options: RunOptions): Promise<LoadResult> => {
    await refreshShoppers(fixture);
    const warmup = await prepareCarts(
      fixture,
      fixture.shoppers.slice(0, fixture.settings.warmupCarts),
    );
    await checkoutLoop(fixture, warmup, options.connections, 60);
    const carts = await prepareCarts(fixture, fixture.shoppers);
    return checkoutLoop(fixture, carts, options.connections, options.seconds);
  };
}

const checkoutTarget = (perSecond: number, p99Ms: number): Target => ({
  label: `>= ${perSecond} confirmed/s, p99 < ${p99Ms} ms`,
  met: (result) => result.load.reqPerSec >= perSecond && result.load.p99Ms < p99Ms,
});

export const CHECKOUT_SCENARIO_NAME =
  'gateway POST /api/orders (checkout, distinct SKUs, tok_visa)';

/** Embedded: the target of issue 10. */
export function buildCheckoutScenarios(gateway: string, fixture: CheckoutFixture): Scenario[] {
  return [
    {
      name: CHECKOUT_SCENARIO_NAME,
      url: gateway,
      paths: ['/api/orders'],
      run: checkoutRun(fixture),
      target: checkoutTarget(250, 100),
    },
  ];
}

/** Distributed: the same checkouts, no target (one round, another platform). */
export function buildDistributedCheckoutScenarios(
  gateway: string,
  fixture: CheckoutFixture | undefined,
): Scenario[] {
  return [
    {
      name: `distributed POST /api/orders (checkout, PostgreSQL + DynamoDB + Kafka, ${DISTRIBUTED_WRITES_LABEL})`,
      url: gateway,
      unpaired: true,
      ...DISTRIBUTED_WRITES,
      paths: ['/api/orders'],
      ...(fixture ? { run: checkoutRun(fixture) } : {}),
    },
  ];
}

interface OrderView {
  id: string;
  cartId: string;
  status: string;
  lines: { sku: string; quantity: number }[];
}

/** Every order the admin sees, page by page (newest first). */
async function allOrders(gateway: string, admin: Credentials): Promise<OrderView[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const headers = { authorization: `Bearer ${await adminToken(gateway, admin)}` };
  const orders: OrderView[] = [];
  try {
    let cursor: string | undefined;
    // Bounded: far more pages than any run places orders.
    for (let page = 0; page < 10_000; page++) {
      const query = `limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const body = (await expectStatus(
        send(agent, `${gateway}/api/orders?${query}`, 'GET', headers),
        'GET /api/orders',
        [200],
      )) as { items: OrderView[]; nextCursor?: string | null };
      orders.push(...body.items);
      if (!body.nextCursor) return orders;
      cursor = body.nextCursor;
    }
    throw new Error('GET /api/orders: more than 10,000 pages');
  } finally {
    agent.destroy();
  }
}

/**
 * After the checkout runs: no SKU sold beyond its stock, nothing still held, as many units
 * gone as confirmed order lines, and exactly one stored order per cart checked out with
 * the status its answer gave (none lost, none duplicated).
 */
export async function checkoutChecks(fixture: CheckoutFixture, label = ''): Promise<CheckReport[]> {
  fixture.agent.destroy();
  const views = await readStock(fixture.gateway, fixture.skus);
  const oversold = oversoldUnits(views);
  const held = views.reduce((sum, view) => sum + view.reserved, 0);
  const sold = views.reduce((sum, view) => sum + (ON_HAND - view.onHand), 0);

  const stored = (await allOrders(fixture.gateway, fixture.settings.admin)).filter(
    (order) => fixture.ledger.has(order.cartId) || fixture.unused.has(order.cartId),
  );
  const byCart = new Map<string, OrderView[]>();
  for (const order of stored)
    byCart.set(order.cartId, [...(byCart.get(order.cartId) ?? []), order]);
  const duplicated = [...byCart.values()].reduce((sum, orders) => sum + orders.length - 1, 0);
  // Lost: an answer named an order that is not stored, or stored with another status.
  let lost = 0;
  let answered = 0;
  for (const [cartId, placed] of fixture.ledger) {
    if (placed.status !== 201) continue;
    answered++;
    const orders = byCart.get(cartId) ?? [];
    if (!orders.some((order) => order.id === placed.orderId && order.status === placed.orderStatus))
      lost++;
  }
  // A prepared cart never checked out must have no order.
  const phantom = [...fixture.unused].filter((cartId) => byCart.has(cartId)).length;
  const confirmedUnits = stored
    .filter((order) => order.status === 'confirmed')
    .reduce((sum, order) => sum + order.lines.reduce((units, line) => units + line.quantity, 0), 0);
  const open = stored.filter((order) => !['confirmed', 'rejected'].includes(order.status)).length;
  return [
    {
      name: `${label}checkouts: oversold units / units still held (${views.length} SKUs)`,
      value: `${oversold} / ${held}`,
      target: '0 / 0',
      result:
        oversold === 0 && held === 0 && views.length === fixture.skus.length ? 'PASS' : 'FAIL',
    },
    {
      name: `${label}checkouts: units gone from stock / units in confirmed orders`,
      value: `${sold} / ${confirmedUnits}`,
      target: 'equal',
      result: sold === confirmedUnits && sold > 0 ? 'PASS' : 'FAIL',
    },
    {
      name: `${label}checkouts: orders lost / duplicated / unfinished / phantom (${answered.toLocaleString('en-US')} answered 201, ${stored.length.toLocaleString('en-US')} stored)`,
      value: `${lost} / ${duplicated} / ${open} / ${phantom}`,
      target: '0 / 0 / 0 / 0',
      result:
        lost === 0 && duplicated === 0 && open === 0 && phantom === 0 && answered > 0
          ? 'PASS'
          : 'FAIL',
    },
  ];
}
