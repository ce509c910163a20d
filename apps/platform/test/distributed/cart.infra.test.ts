import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Cluster, waitFor } from './harness.ts';
import { readTopic } from './kafka-recorder.ts';

interface CartLine {
  id: string;
  sku: string;
  quantity: number;
  name: string;
  productId: string;
  unitPrice: { amount: number } | null;
  available: number | null;
  stale: boolean;
}
interface Cart {
  id: string;
  userId?: string;
  items: CartLine[];
  subtotal: { amount: number };
  discount: { amount: number };
  total: { amount: number };
  promotionCode?: string;
  degraded: boolean;
}

/**
 * The cart's process waits this long per attempt on catalog, pricing or inventory. A read
 * that still asked a frozen upstream would take at least this long; one answered by an
 * open breaker does not (the freeze test compares with it, not with a fixed figure).
 */
const UPSTREAM_TIMEOUT_MS = 2_000;
/** Long enough that the reads after the breakers opened find them open, not half-open. */
const HALF_OPEN_MS = 15_000;

const PRODUCT_SKUS = ['DIST-CART-42', 'DIST-CART-43'];

describe('the distributed cart (DynamoDB, Redis cache) through the gateway, with catalog and pricing frozen', () => {
  let cluster: Cluster;
  let admin: Record<string, string>;
  let productId: string;

  beforeAll(async () => {
    cluster = await Cluster.plan({
      serviceEnv: {
        cart: {
          CART_UPSTREAM_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS),
          CART_BREAKER_FAILURES: '2',
          CART_BREAKER_HALF_OPEN_MS: String(HALF_OPEN_MS),
          // Every cached answer is old after a second, so a read while frozen must ask.
          CART_PRODUCT_FRESH_SECONDS: '1',
          CART_QUOTE_FRESH_SECONDS: '1',
          CART_STOCK_FRESH_SECONDS: '1',
          // The run's cache keys leave the shared Redis by themselves.
          CART_STALE_TTL_SECONDS: '900',
          CART_RETRY_AFTER_SECONDS: '7',
        },
      },
    });
    await cluster.start();
    admin = await cluster.admin();
    const product = await send('POST', '/products', admin, {
      name: 'Distributed Runner',
      brand: 'Stride',
      categoryIds: [],
      variants: PRODUCT_SKUS.map((sku) => ({ sku, options: { size: sku.slice(-2) } })),
    });
    expect(product.status).toBe(201);
    productId = ((await product.json()) as { id: string }).id;
    // One at a time: moto fails concurrent writes to one table.
    for (const sku of PRODUCT_SKUS) {
      expect(
        (await send('PUT', `/prices/${sku}`, admin, { amount: 8000, currency: 'USD' })).status,
      ).toBe(200);
      expect((await send('PUT', `/inventory/${sku}`, admin, { onHand: 5 })).status).toBe(200);
    }
    const promotions = [
      { code: 'DISTRUN10', kind: 'percent', value: 10 },
      { code: 'DISTBIG', kind: 'fixed', value: 500, currency: 'USD', minSubtotal: 1_000_000 },
    ];
    for (const promotion of promotions)
      expect((await send('POST', '/promotions', admin, promotion)).status).toBe(201);
  });
  afterEach(() => {
    // A failed assertion must never leave catalog or pricing stopped.
    cluster?.resume();
  });
  afterAll(async () => {
    await cluster?.close();
  });

  /** A request through the gateway; a JSON content type only with a body. */
  function send(method: string, path: string, headers: Record<string, string>, body?: unknown) {
    const { 'content-type': _json, ...rest } = headers;
    return fetch(`${cluster.api}${path}`, {
      method,
      headers: body === undefined ? rest : { ...rest, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }
  const cartOf = async (id: string, headers: Record<string, string>): Promise<Cart> => {
    const response = await send('GET', `/carts/${id}`, headers);
    expect(response.status).toBe(200);
    return (await response.json()) as Cart;
  };
  const problemOf = async (response: Response) => {
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    return (await response.json()) as { code: string; status: number };
  };

  async function customer(email: string): Promise<Record<string, string>> {
    const password = 'Quiet-Harbor-Lantern-77';
    expect(
      (await send('POST', '/auth/register', {}, { email, password, name: 'Shopper' })).status,
    ).toBe(201);
    const login = await send('POST', '/auth/login', {}, { email, password });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    return { authorization: `Bearer ${accessToken}` };
  }

  let anonymous: { id: string; token: string };
  let token: Record<string, string>;

  it('when an anonymous shopper adds, changes and removes lines, then the cart shows catalog details, prices and stock', async () => {
    const created = await send('POST', '/carts', {});
    expect(created.status).toBe(201);
    anonymous = (await created.json()) as { id: string; token: string };
    expect(anonymous.token).toEqual(expect.any(String));
    token = { 'x-cart-token': anonymous.token };

    const added = await send('POST', `/carts/${anonymous.id}/items`, token, {
      sku: 'DIST-CART-42',
      quantity: 2,
    });
    expect(added.status).toBe(201);
    const again = await send('POST', `/carts/${anonymous.id}/items`, token, {
      sku: 'DIST-CART-42',
      quantity: 1,
    });
    expect(again.status).toBe(201);
    expect(await again.json()).toMatchObject({ sku: 'DIST-CART-42', quantity: 3 });
    const other = await send('POST', `/carts/${anonymous.id}/items`, token, {
      sku: 'DIST-CART-43',
      quantity: 1,
    });
    expect(other.status).toBe(201);
    const otherLine = ((await other.json()) as { id: string }).id;

    const unknown = await send('POST', `/carts/${anonymous.id}/items`, token, {
      sku: 'DIST-CART-NOPE',
      quantity: 1,
    });
    expect(unknown.status).toBe(422);
    expect((await problemOf(unknown)).code).toBe('CART.UNKNOWN_SKU');
    const tooMany = await send('POST', `/carts/${anonymous.id}/items`, token, {
      sku: 'DIST-CART-43',
      quantity: 9,
    });
    expect(tooMany.status).toBe(409);
    expect(await tooMany.json()).toMatchObject({ code: 'CART.INSUFFICIENT_STOCK', available: 5 });

    let cart = await cartOf(anonymous.id, token);
    expect(cart).toMatchObject({
      degraded: false,
      subtotal: { amount: 32000 },
      total: { amount: 32000 },
    });
    expect(cart.items).toMatchObject([
      {
        sku: 'DIST-CART-42',
        quantity: 3,
        name: 'Distributed Runner',
        productId,
        unitPrice: { amount: 8000 },
        available: 5,
        stale: false,
      },
      { sku: 'DIST-CART-43', quantity: 1, unitPrice: { amount: 8000 }, stale: false },
    ]);

    const changed = await send('PATCH', `/carts/${anonymous.id}/items/${otherLine}`, token, {
      quantity: 2,
    });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ sku: 'DIST-CART-43', quantity: 2 });
    cart = await cartOf(anonymous.id, token);
    expect(cart.total.amount).toBe(40000);

    const zero = await send('PATCH', `/carts/${anonymous.id}/items/${otherLine}`, token, {
      quantity: 0,
    });
    expect(zero.status).toBe(204);
    expect((await cartOf(anonymous.id, token)).items.map((line) => line.sku)).toEqual([
      'DIST-CART-42',
    ]);
    const readd = await send('POST', `/carts/${anonymous.id}/items`, token, {
      sku: 'DIST-CART-43',
      quantity: 1,
    });
    const readded = ((await readd.json()) as { id: string }).id;
    expect((await send('DELETE', `/carts/${anonymous.id}/items/${readded}`, token)).status).toBe(
      204,
    );
    expect((await send('DELETE', `/carts/${anonymous.id}/items/${readded}`, token)).status).toBe(
      404,
    );
    cart = await cartOf(anonymous.id, token);
    expect(cart.items.map((line) => [line.sku, line.quantity])).toEqual([['DIST-CART-42', 3]]);
    expect(cart.total.amount).toBe(24000);
  });

  it('when a promotion is applied, then the totals show the discount; one that does not apply is 422 and changes nothing', async () => {
    const refused = await send('POST', `/carts/${anonymous.id}/promotion`, token, {
      code: 'DISTBIG',
    });
    expect(refused.status).toBe(422);
    expect((await problemOf(refused)).code).toBe('CART.PROMOTION_NOT_APPLICABLE');
    expect((await cartOf(anonymous.id, token)).promotionCode).toBeUndefined();

    const applied = await send('POST', `/carts/${anonymous.id}/promotion`, token, {
      code: 'DISTRUN10',
    });
    expect(applied.status).toBe(200);
    expect(await applied.json()).toMatchObject({
      promotionCode: 'DISTRUN10',
      subtotal: { amount: 24000 },
      discount: { amount: 2400 },
      total: { amount: 21600 },
    });
    expect((await send('DELETE', `/carts/${anonymous.id}/promotion`, token)).status).toBe(204);
    expect((await cartOf(anonymous.id, token)).discount.amount).toBe(0);
    expect(
      (await send('POST', `/carts/${anonymous.id}/promotion`, token, { code: 'DISTRUN10' })).status,
    ).toBe(200);
  });

  it('when an admin changes a price, then the cart shows it through Kafka, and each add is a cart.item.added on its topic', async () => {
    expect(
      (await send('PUT', '/prices/DIST-CART-42', admin, { amount: 9000, currency: 'USD' })).status,
    ).toBe(200);
    const repriced = await waitFor(
      'the new price in the cart',
      async () => {
        const cart = await cartOf(anonymous.id, token);
        return cart.items[0]?.unitPrice?.amount === 9000 ? cart : undefined;
      },
      15_000,
      200,
    );
    expect(repriced).toMatchObject({ subtotal: { amount: 27000 }, degraded: false });
    expect(
      (await send('PUT', '/prices/DIST-CART-42', admin, { amount: 8000, currency: 'USD' })).status,
    ).toBe(200);
    await waitFor(
      'the price back in the cart',
      async () =>
        (await cartOf(anonymous.id, token)).items[0]?.unitPrice?.amount === 8000 ? true : undefined,
      15_000,
      200,
    );

    // Four adds went through in the first test (42 twice, 43 twice).
    const added = (seen: { type: string; subject: string }[]) =>
      seen.filter((event) => event.subject === anonymous.id && event.type === 'cart.item.added');
    const events = await readTopic(
      `${cluster.prefix}cart.item`,
      (seen) => added(seen).length >= 4,
      20_000,
    );
    expect(added(events)).toHaveLength(4);
  });

  let shopper: Record<string, string>;
  let shopperCart: string;

  it('when a signed-in shopper creates a cart and merges the anonymous one, then quantities add up and the source is gone', async () => {
    shopper = await customer('dist-cart-shopper@example.com');
    const mine = await send('POST', '/carts', shopper);
    expect(mine.status).toBe(201);
    const created = (await mine.json()) as { id: string; token?: string };
    expect(created.token).toBeUndefined();
    shopperCart = created.id;
    // The same customer asking again gets the same cart.
    const twice = await send('POST', '/carts', shopper);
    expect(twice.status).toBe(200);
    expect(((await twice.json()) as { id: string }).id).toBe(shopperCart);
    expect(
      (
        await send('POST', `/carts/${shopperCart}/items`, shopper, {
          sku: 'DIST-CART-42',
          quantity: 1,
        })
      ).status,
    ).toBe(201);

    const merged = await send(
      'POST',
      `/carts/${shopperCart}/merge`,
      { ...shopper, ...token },
      { sourceCartId: anonymous.id },
    );
    expect(merged.status).toBe(200);
    const cart = (await merged.json()) as Cart;
    expect(cart.userId).toEqual(expect.any(String));
    // 1 + 3 units, capped by the 5 available.
    expect(cart.items.map((line) => [line.sku, line.quantity])).toEqual([['DIST-CART-42', 4]]);
    expect(cart.promotionCode).toBe('DISTRUN10');
    expect((await send('GET', `/carts/${anonymous.id}`, token)).status).toBe(404);
  });

  it('when someone else asks for a cart, then it is 404: another customer, no token, a wrong token', async () => {
    const stranger = await customer('dist-cart-stranger@example.com');
    const theirs = await send('POST', '/carts', {});
    const other = (await theirs.json()) as { id: string; token: string };

    expect((await send('GET', `/carts/${shopperCart}`, stranger)).status).toBe(404);
    expect((await send('GET', `/carts/${shopperCart}`, {})).status).toBe(404);
    const write = await send('POST', `/carts/${shopperCart}/items`, stranger, {
      sku: 'DIST-CART-43',
      quantity: 1,
    });
    expect(write.status).toBe(404);
    expect((await problemOf(write)).code).toBe('CART.CART_NOT_FOUND');
    expect((await send('GET', `/carts/${other.id}`, {})).status).toBe(404);
    expect((await send('GET', `/carts/${other.id}`, { 'x-cart-token': 'wrong' })).status).toBe(404);
    expect((await send('GET', `/carts/${other.id}`, stranger)).status).toBe(404);
    expect((await send('GET', `/carts/${other.id}`, { 'x-cart-token': other.token })).status).toBe(
      200,
    );
    // The shopper's cart did not change.
    expect((await cartOf(shopperCart, shopper)).items.map((line) => line.quantity)).toEqual([4]);
  });

  /** The breaker states the cart's process logged, last one per upstream. */
  const breakerStates = (): Record<string, string> => {
    const states: Record<string, string> = {};
    for (const line of cluster.procs['cart']!.output().split('\n')) {
      if (!line.includes('circuit breaker state changed')) continue;
      try {
        const entry = JSON.parse(line) as { upstream?: string; state?: string };
        if (entry.upstream && entry.state) states[entry.upstream] = entry.state;
      } catch {
        // A line cut at the start of the kept output.
      }
    }
    return states;
  };
  const timed = async <T>(work: () => Promise<T>) => {
    const started = performance.now();
    const value = await work();
    return { value, ms: performance.now() - started };
  };

  it('when catalog and pricing are frozen (SIGSTOP), then reads answer 200 from the cache, stale and degraded, fast once the breakers are open; writes needing them are 503 with Retry-After; after SIGCONT reads are fresh again', async () => {
    const warm = await cartOf(shopperCart, shopper);
    expect(warm).toMatchObject({ degraded: false, total: { amount: 28800 } });

    cluster.freeze('catalog');
    cluster.freeze('pricing');
    try {
      // Past every freshness window (1 s): each read must ask the frozen upstreams.
      await new Promise((done) => setTimeout(done, 1_100));
      const first = await timed(() => cartOf(shopperCart, shopper));
      expect(first.value).toMatchObject({
        degraded: true,
        promotionCode: 'DISTRUN10',
        subtotal: { amount: 32000 },
        total: { amount: 28800 },
      });
      expect(first.value.items).toMatchObject([
        {
          sku: 'DIST-CART-42',
          name: 'Distributed Runner',
          quantity: 4,
          unitPrice: { amount: 8000 },
          stale: true,
        },
      ]);
      // The first degraded read waited for the timeouts that open the breakers.
      expect(first.ms).toBeGreaterThanOrEqual(UPSTREAM_TIMEOUT_MS);

      // Until both breakers opened (a quote is not retried: pricing's may need a second read).
      await waitFor(
        () => `both breakers open (logged: ${JSON.stringify(breakerStates())})`,
        async () => {
          const states = breakerStates();
          if (states['catalog'] === 'open' && states['pricing'] === 'open') return states;
          expect((await cartOf(shopperCart, shopper)).degraded).toBe(true);
          return undefined;
        },
        4 * UPSTREAM_TIMEOUT_MS + 5_000,
      );

      const whileOpen = await timed(() => cartOf(shopperCart, shopper));
      expect(whileOpen.value).toMatchObject({ degraded: true, total: { amount: 28800 } });
      expect(whileOpen.value.items.every((line) => line.stale)).toBe(true);
      // The open breakers answered at once: the read did not wait for an upstream timeout.
      expect(whileOpen.ms).toBeLessThan(UPSTREAM_TIMEOUT_MS);
      expect(breakerStates()).toMatchObject({ catalog: 'open', pricing: 'open' });

      const add = await send('POST', `/carts/${shopperCart}/items`, shopper, {
        sku: 'DIST-CART-43',
        quantity: 1,
      });
      expect(add.status).toBe(503);
      expect(add.headers.get('retry-after')).toBe('7');
      expect((await problemOf(add)).code).toBe('CART.UPSTREAM_DOWN');
      const promotion = await send('POST', `/carts/${shopperCart}/promotion`, shopper, {
        code: 'DISTBIG',
      });
      expect(promotion.status).toBe(503);
      expect(promotion.headers.get('retry-after')).toBe('7');
      expect((await problemOf(promotion)).code).toBe('CART.UPSTREAM_DOWN');
      // Nothing changed.
      const after = await cartOf(shopperCart, shopper);
      expect(after.items.map((line) => [line.sku, line.quantity])).toEqual([['DIST-CART-42', 4]]);
      expect(after.promotionCode).toBe('DISTRUN10');
    } finally {
      cluster.resume('catalog');
      cluster.resume('pricing');
    }

    // The breakers let a trial call through after HALF_OPEN_MS and close on its success.
    const fresh = await waitFor(
      () => `a fresh cart after SIGCONT (breakers logged: ${JSON.stringify(breakerStates())})`,
      async () => {
        const cart = await cartOf(shopperCart, shopper);
        return cart.degraded || cart.items.some((line) => line.stale) ? undefined : cart;
      },
      HALF_OPEN_MS + 6 * UPSTREAM_TIMEOUT_MS + 10_000,
      250,
    );
    expect(fresh).toMatchObject({ degraded: false, total: { amount: 28800 } });
    // Fresh means current: a price set now shows in the cart.
    expect(
      (await send('PUT', '/prices/DIST-CART-42', admin, { amount: 7000, currency: 'USD' })).status,
    ).toBe(200);
    const repriced = await waitFor(
      'the new price in the cart',
      async () => {
        const cart = await cartOf(shopperCart, shopper);
        return cart.items[0]?.unitPrice?.amount === 7000 ? cart : undefined;
      },
      20_000,
      200,
    );
    expect(repriced).toMatchObject({
      degraded: false,
      subtotal: { amount: 28000 },
      total: { amount: 25200 },
    });
    const add = await send('POST', `/carts/${shopperCart}/items`, shopper, {
      sku: 'DIST-CART-43',
      quantity: 1,
    });
    expect(add.status).toBe(201);
    // A breaker closes on a successful call through it. The fresh read above may have been
    // priced from the cart's cached quote, so the check waits until the repriced read and
    // the add have called both upstreams. The log line may arrive just after the answer.
    await waitFor(
      () => `both breakers closed (logged: ${JSON.stringify(breakerStates())})`,
      async () => {
        const states = breakerStates();
        return states['catalog'] === 'closed' && states['pricing'] === 'closed'
          ? states
          : undefined;
      },
      5_000,
    );
  });
});
