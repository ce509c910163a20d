import { eventually } from '@emporium/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from './harness.ts';
import { readTopic } from './kafka-recorder.ts';

describe('promotions and quotes in the distributed platform (PostgreSQL, DynamoDB catalog, Kafka)', () => {
  let cluster: Cluster;
  let admin: Record<string, string>;
  const json = { 'content-type': 'application/json' };

  beforeAll(async () => {
    cluster = await Cluster.plan();
    await cluster.start();
    admin = await cluster.admin();
  });
  afterAll(async () => {
    await cluster?.close();
  });

  const send = (method: string, path: string, body: unknown, headers = admin) =>
    fetch(`${cluster.api}${path}`, { method, headers, body: JSON.stringify(body) });

  it('when a category promotion is quoted and redeemed, then categories arrive over Kafka and the redemption is published', async () => {
    const category = (await (await send('POST', '/categories', { name: 'Dist Lamps' })).json()) as {
      id: string;
    };
    const product = await send('POST', '/products', {
      name: 'Distributed Lamp',
      brand: 'Lumen',
      categoryIds: [category.id],
      variants: [{ sku: 'DIST-LAMP-1', options: {} }],
    });
    expect(product.status).toBe(201);
    expect(
      (await send('PUT', '/prices/DIST-LAMP-1', { amount: 4000, currency: 'USD' })).status,
    ).toBe(200);
    const created = await send('POST', '/promotions', {
      code: 'DIST25',
      kind: 'percent',
      value: 25,
      appliesTo: { categoryIds: [category.id] },
      usageLimit: 2,
    });
    expect(created.status).toBe(201);

    // The catalog's product event reaches pricing's category copy through Kafka.
    const quote = await eventually(async () => {
      const response = await send(
        'POST',
        '/quotes',
        { items: [{ sku: 'DIST-LAMP-1', quantity: 1 }], promotionCode: 'DIST25' },
        json,
      );
      return response.status === 201 && ((await response.json()) as { id: string; total: unknown });
    }, 15_000);
    expect(quote.total).toEqual({ amount: 3000, currency: 'USD' });
    expect(await (await fetch(`${cluster.api}/quotes/${quote.id}`)).json()).toEqual(quote);

    const anonymous = await send('POST', '/promotions/DIST25/redemptions', { orderId: 'o1' }, json);
    expect(anonymous.status).toBe(401);
    const redeemed = await send('POST', '/promotions/DIST25/redemptions', { orderId: 'd1' });
    expect(redeemed.status).toBe(201);
    const events = await readTopic(
      `${cluster.prefix}pricing.promotion`,
      (seen) => seen.some((event) => event.subject === 'DIST25'),
      15_000,
    );
    expect(events.map((event) => event.type)).toContain('pricing.promotion.redeemed');
  });
});
