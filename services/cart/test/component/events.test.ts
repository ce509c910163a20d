import {
  CART_SOURCE,
  CartEvents,
  CartTopics,
  PRICING_SOURCE,
  PriceChangedV1,
  ProductUpdatedV1,
  StockChangedV1,
  CATALOG_SOURCE,
  INVENTORY_SOURCE,
} from '@emporium/contracts';
import type { CloudEvent } from '@emporium/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCart, type CartHarness } from './harness.ts';

describe('cart events: cart.item.added out, catalog, pricing and stock events in', () => {
  let h: CartHarness;
  const published: CloudEvent[] = [];
  let cart: { id: string; headers: Record<string, string> };
  beforeAll(async () => {
    h = await startCart({ env: { EVENT_MAX_ATTEMPTS: '1' } });
    h.service.bus!.subscribe({
      group: 'test.cart-recorder',
      topics: [CartTopics.item],
      handle: async (event) => void published.push(event),
    });
    h.shop.addProduct('Desk', [{ sku: 'DESK-1', price: 20000, stock: 5 }]);
    cart = await h.anonymousCart();
  });
  afterAll(() => h.close());

  const read = async () =>
    (await h.request('GET', `/carts/${cart.id}`, { headers: cart.headers })).json();

  it('when units are added, then cart.item.added is published through the outbox and keeps its contract', async () => {
    await h.request('POST', `/carts/${cart.id}/items`, {
      headers: cart.headers,
      payload: { sku: 'DESK-1', quantity: 1 },
    });
    await h.request('POST', `/carts/${cart.id}/items`, {
      headers: cart.headers,
      payload: { sku: 'DESK-1', quantity: 2 },
    });
    await h.service.relay!.flush();
    await h.service.bus!.drain();
    expect(published).toHaveLength(2);
    for (const event of published) {
      const contract = CartEvents.find((c) => c.type === event.type)!;
      expect(contract.decode(event).data).toBeDefined();
      expect(event).toMatchObject({ source: CART_SOURCE, subject: cart.id, partitionkey: cart.id });
    }
    expect(published.map((event) => event.data)).toMatchObject([
      { cartId: cart.id, sku: 'DESK-1', quantity: 1, lineQuantity: 1 },
      { cartId: cart.id, sku: 'DESK-1', quantity: 2, lineQuantity: 3 },
    ]);
  });

  it('when pricing announces a price change on the bus, then the next read asks pricing again and shows it', async () => {
    expect((await read()).items[0].unitPrice.amount).toBe(20000);
    const quotesBefore = h.shop.pricing.calls;
    expect((await read()).items[0].unitPrice.amount).toBe(20000);
    expect(h.shop.pricing.calls).toBe(quotesBefore);

    h.shop.prices.set('DESK-1', 18000);
    const event = PriceChangedV1.create({
      source: PRICING_SOURCE,
      subject: 'DESK-1',
      partitionKey: 'DESK-1',
      data: {
        sku: 'DESK-1',
        currency: 'USD',
        previous: { amount: 20000 },
        current: { amount: 18000 },
        at: new Date().toISOString(),
      },
    });
    await h.service.bus!.publish([event]);
    await h.service.bus!.drain();
    const after = await read();
    expect(after.items[0]).toMatchObject({ unitPrice: { amount: 18000 }, stale: false });
    expect(after.total.amount).toBe(54000);
  });

  it('when the catalog and inventory announce changes, then the read shows them without asking either', async () => {
    const product = [...h.shop.products.values()][0]!;
    const calls = h.shop.calls();
    const renamed = { ...product, name: 'Standing Desk', version: 2 };
    await h.service.bus!.publish([
      ProductUpdatedV1.create({
        source: CATALOG_SOURCE,
        subject: product.id,
        partitionKey: product.id,
        data: { product: renamed, changed: ['name'] },
      }),
      StockChangedV1.create({
        source: INVENTORY_SOURCE,
        subject: 'DESK-1',
        partitionKey: 'DESK-1',
        data: {
          sku: 'DESK-1',
          onHand: 4,
          reserved: 0,
          available: 4,
          version: 7,
          at: new Date().toISOString(),
          cause: 'set',
        },
      }),
    ]);
    await h.service.bus!.drain();
    const after = await read();
    expect(after.items[0]).toMatchObject({ name: 'Standing Desk', available: 4 });
    expect(h.shop.calls().catalog).toBe(calls.catalog);
    expect(h.shop.calls().inventory).toBe(calls.inventory);
  });
});
