import { INVENTORY_SOURCE, StockChangedV1 } from '@emporium/contracts';
import { ManualClock } from '@emporium/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCart, type CartHarness } from './harness.ts';

/** ADR 0036: a warm read answers the remembered view only while it is what a rebuild would give. */
describe('remembered warm views', () => {
  let h: CartHarness;
  const clock = new ManualClock();
  let cart: { id: string; headers: Record<string, string> };
  beforeAll(async () => {
    h = await startCart({ clock, env: { EVENT_MAX_ATTEMPTS: '1' } });
    h.shop.addProduct('Lamp', [{ sku: 'LAMP-1', price: 3000, stock: 8 }]);
    h.shop.addProduct('Bulb', [{ sku: 'BULB-1', price: 500, stock: 40 }]);
    cart = await h.anonymousCart();
    await h.request('POST', `/carts/${cart.id}/items`, {
      headers: cart.headers,
      payload: { sku: 'LAMP-1', quantity: 2 },
    });
  });
  afterAll(() => h.close());

  const read = async (headers = cart.headers) => {
    const response = await h.request('GET', `/carts/${cart.id}`, { headers });
    return { status: response.statusCode, body: response.json(), etag: response.headers.etag };
  };

  const stockEvent = (sku: string, available: number, version: number) =>
    StockChangedV1.create({
      source: INVENTORY_SOURCE,
      subject: sku,
      partitionKey: sku,
      data: {
        sku,
        onHand: available,
        reserved: 0,
        available,
        version,
        at: new Date(clock.now()).toISOString(),
        cause: 'set',
      },
    });

  it('when a warm cart is read again, then the same body answers with no upstream asked, and the owner check still runs', async () => {
    const first = await read();
    expect(first).toMatchObject({ status: 200, etag: '"2"' });
    const calls = h.shop.calls();
    for (let i = 0; i < 3; i++) expect(await read()).toEqual(first);
    expect(h.shop.calls()).toEqual(calls);
    expect((await read({ 'x-cart-token': 'not-the-token' })).status).toBe(404);
    expect((await read({})).status).toBe(404);
  });

  it('when the quote stops being fresh, then the next read asks pricing again and shows what it says now', async () => {
    await read();
    h.shop.prices.set('LAMP-1', 2800); // no event: only the freshness window brings it in
    expect((await read()).body.items[0].unitPrice.amount).toBe(3000);
    const quotes = h.shop.pricing.calls;
    clock.advance(61_000); // CART_QUOTE_FRESH_SECONDS is 60
    const after = (await read()).body;
    expect(h.shop.pricing.calls).toBe(quotes + 1);
    expect(after.items[0]).toMatchObject({ unitPrice: { amount: 2800 }, stale: false });
    expect(after.total.amount).toBe(5600);
  });

  it("when another SKU's entry changes, then the read is unchanged; when its own changes, then the read shows it", async () => {
    const before = (await read()).body;
    await h.service.bus!.publish([stockEvent('BULB-1', 39, 5)]);
    await h.service.bus!.drain();
    expect((await read()).body).toEqual(before);
    await h.service.bus!.publish([stockEvent('LAMP-1', 6, 5)]);
    await h.service.bus!.drain();
    expect((await read()).body.items[0].available).toBe(6);
  });

  it('when the cart changes, then the next read shows the change', async () => {
    const before = (await read()).body;
    await h.request('PATCH', `/carts/${cart.id}/items/${before.items[0].id}`, {
      headers: cart.headers,
      payload: { quantity: 1 },
    });
    await h.request('POST', `/carts/${cart.id}/items`, {
      headers: cart.headers,
      payload: { sku: 'BULB-1', quantity: 3 },
    });
    const after = await read();
    expect(after.etag).toBe(`"${before.version + 2}"`);
    expect(after.body.items.map((item: { quantity: number }) => item.quantity)).toEqual([1, 3]);
    expect(after.body.total.amount).toBe(2800 + 1500);
  });

  it('when the upstreams are down past freshness, then the degraded answer is not remembered: fresh again once they are back', async () => {
    await read();
    await h.shop.pricing.stop();
    clock.advance(61_000);
    const degraded = (await read()).body;
    expect(degraded.degraded).toBe(true);
    h.shop.prices.set('BULB-1', 450);
    await h.shop.pricing.start();
    const fresh = (await read()).body;
    expect(fresh.degraded).toBe(false);
    expect(fresh.items[1]).toMatchObject({ unitPrice: { amount: 450 }, stale: false });
  });
});
