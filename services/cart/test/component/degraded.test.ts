import { eventually } from '@emporium/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@emporium/kit/testing';
import { expectProblem, startCart, type CartHarness } from './harness.ts';

const MINUTE = 60_000;

describe('reads answer from the cache while catalog and pricing are down, and writes that need them say 503', () => {
  let h: CartHarness;
  const clock = new ManualClock();
  let cart: { id: string; headers: Record<string, string> };
  beforeAll(async () => {
    h = await startCart({
      clock,
      env: {
        CART_BREAKER_FAILURES: '2',
        CART_BREAKER_HALF_OPEN_MS: '3000',
        CART_UPSTREAM_TIMEOUT_MS: '1000',
        CART_RETRY_AFTER_SECONDS: '7',
      },
    });
    h.shop.addProduct('Kettle', [{ sku: 'KET-1', price: 4500, stock: 9 }]);
    h.shop.addProduct('Teapot', [{ sku: 'POT-1', price: 2500, stock: 3 }]);
    cart = await h.anonymousCart();
    for (const sku of ['KET-1', 'POT-1'])
      await h.request('POST', `/carts/${cart.id}/items`, {
        headers: cart.headers,
        payload: { sku, quantity: 1 },
      });
  });
  afterAll(() => h.close());

  const read = async () => {
    const response = await h.request('GET', `/carts/${cart.id}`, { headers: cart.headers });
    expect(response.statusCode).toBe(200);
    return response.json();
  };

  it('when the cache is warm, then a read asks no upstream at all', async () => {
    const first = await read();
    expect(first.degraded).toBe(false);
    const calls = h.shop.calls();
    const again = await read();
    expect(again).toEqual(first);
    expect(h.shop.calls()).toEqual(calls);
  });

  it('when catalog and pricing are stopped, then reads answer 200 from the cache with stale lines and degraded, the breakers open, and writes needing them are 503 with Retry-After', async () => {
    await h.shop.catalog.stop();
    await h.shop.pricing.stop();
    clock.advance(10 * MINUTE); // past every freshness window: the read must ask again

    const degraded = await read();
    expect(degraded).toMatchObject({
      degraded: true,
      subtotal: { amount: 7000 },
      total: { amount: 7000 },
    });
    expect(degraded.items).toMatchObject([
      { sku: 'KET-1', name: 'Kettle', unitPrice: { amount: 4500 }, stale: true, available: 9 },
      { sku: 'POT-1', name: 'Teapot', unitPrice: { amount: 2500 }, stale: true, available: 3 },
    ]);
    await read();
    expect(h.service.stores.clients.breakers()).toMatchObject({
      catalog: 'open',
      pricing: 'open',
      inventory: 'closed',
    });

    const add = await h.request('POST', `/carts/${cart.id}/items`, {
      headers: cart.headers,
      payload: { sku: 'KET-1', quantity: 1 },
    });
    expectProblem(add, 503, 'CART.UPSTREAM_DOWN');
    expect(add.headers['retry-after']).toBe('7');
    const promo = await h.request('POST', `/carts/${cart.id}/promotion`, {
      headers: cart.headers,
      payload: { code: 'ANY' },
    });
    expectProblem(promo, 503, 'CART.UPSTREAM_DOWN');
    expect((await read()).items.map((item: { quantity: number }) => item.quantity)).toEqual([1, 1]);

    // Removing needs no upstream: it goes through, and the read prices the rest from the cache.
    const line = degraded.items[1].id;
    expect(
      (await h.request('DELETE', `/carts/${cart.id}/items/${line}`, { headers: cart.headers }))
        .statusCode,
    ).toBe(204);
    expect(await read()).toMatchObject({ degraded: true, total: { amount: 4500 } });
  });

  it('when the upstreams come back, then the breakers close and reads are fresh again', async () => {
    h.shop.prices.set('KET-1', 4000);
    await h.shop.catalog.start();
    await h.shop.pricing.start();
    const fresh = await eventually(async () => {
      const cartNow = await read();
      return cartNow.degraded ? undefined : cartNow;
    }, 10_000);
    expect(fresh.items).toMatchObject([
      { sku: 'KET-1', unitPrice: { amount: 4000 }, stale: false },
    ]);
    expect(h.service.stores.clients.breakers()).toMatchObject({
      catalog: 'closed',
      pricing: 'closed',
    });
  });

  it('when pricing is too slow, then once its breaker is open a read no longer waits on it', async () => {
    h.shop.pricing.delayMs = 5_000;
    clock.advance(10 * MINUTE);
    // Two slow calls time out (1 s each) and open the breaker.
    expect((await read()).degraded).toBe(true);
    clock.advance(10 * MINUTE);
    expect((await read()).degraded).toBe(true);
    expect(h.service.stores.clients.breakers().pricing).toBe('open');
    const callsWhenOpen = h.shop.pricing.calls;
    clock.advance(10 * MINUTE);
    const whileOpen = await read();
    expect(whileOpen).toMatchObject({ degraded: true, total: { amount: 4000 } });
    // The open breaker answered: pricing was not even asked.
    expect(h.shop.pricing.calls).toBe(callsWhenOpen);
    h.shop.pricing.delayMs = 0;
  });
});
