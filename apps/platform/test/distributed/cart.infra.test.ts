import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster, waitFor } from './harness.ts';
import { readTopic } from './kafka-recorder.ts';

interface Cart {
  items: { sku: string; quantity: number; unitPrice: { amount: number } | null; stale: boolean }[];
  total: { amount: number };
  degraded: boolean;
}

describe('the cart in the distributed platform (DynamoDB, Redis cache, Kafka)', () => {
  let cluster: Cluster;
  let admin: Record<string, string>;

  beforeAll(async () => {
    cluster = await Cluster.plan();
    await cluster.start();
    admin = await cluster.admin();
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('when a shopper fills an anonymous cart through the gateway, then it reads back priced, a price change arrives through Kafka, and cart.item.added is on its topic', async () => {
    const send = (method: string, path: string, body: unknown, headers = admin) =>
      fetch(`${cluster.api}${path}`, { method, headers, body: JSON.stringify(body) });
    const product = await send('POST', '/products', {
      name: 'Distributed Kettle',
      brand: 'Boil',
      categoryIds: [],
      variants: [{ sku: 'DIST-KET-1', options: {} }],
    });
    expect(product.status).toBe(201);
    expect(
      (await send('PUT', '/prices/DIST-KET-1', { amount: 3000, currency: 'USD' })).status,
    ).toBe(200);
    expect((await send('PUT', '/inventory/DIST-KET-1', { onHand: 4 })).status).toBe(200);

    const created = await fetch(`${cluster.api}/carts`, { method: 'POST' });
    expect(created.status).toBe(201);
    const { id, token } = (await created.json()) as { id: string; token: string };
    const shopper = { 'content-type': 'application/json', 'x-cart-token': token };
    const added = await send(
      'POST',
      `/carts/${id}/items`,
      { sku: 'DIST-KET-1', quantity: 2 },
      shopper,
    );
    expect(added.status).toBe(201);
    const tooMany = await send(
      'POST',
      `/carts/${id}/items`,
      { sku: 'DIST-KET-1', quantity: 5 },
      shopper,
    );
    expect(tooMany.status).toBe(409);
    const read = async () =>
      (await (await fetch(`${cluster.api}/carts/${id}`, { headers: shopper })).json()) as Cart;
    expect(await read()).toMatchObject({
      items: [{ sku: 'DIST-KET-1', quantity: 2, unitPrice: { amount: 3000 }, stale: false }],
      total: { amount: 6000 },
      degraded: false,
    });
    expect((await fetch(`${cluster.api}/carts/${id}`)).status).toBe(404);

    expect(
      (await send('PUT', '/prices/DIST-KET-1', { amount: 2500, currency: 'USD' })).status,
    ).toBe(200);
    const repriced = await waitFor(
      'the new price in the cart',
      async () => {
        const cart = await read();
        return cart.items[0]?.unitPrice?.amount === 2500 ? cart : undefined;
      },
      15_000,
    );
    expect(repriced.total.amount).toBe(5000);

    const events = await readTopic(
      `${cluster.prefix}cart.item`,
      (seen) => seen.some((event) => event.subject === id),
      15_000,
    );
    expect(events.filter((event) => event.subject === id).map((event) => event.type)).toEqual([
      'cart.item.added',
    ]);
  });
});
