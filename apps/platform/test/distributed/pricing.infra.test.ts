import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from './harness.ts';
import { readTopic } from './kafka-recorder.ts';

describe('pricing in the distributed platform (own PostgreSQL database, Kafka)', () => {
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

  it('when an admin sets prices through the gateway, then reads, the batch and history follow and each change reaches Kafka', async () => {
    for (const amount of [2500, 1999]) {
      const put = await fetch(`${cluster.api}/prices/DIST-PRICE-1`, {
        method: 'PUT',
        headers: admin,
        body: JSON.stringify({ amount, currency: 'EUR', compareAtAmount: 3000 }),
      });
      expect(put.status).toBe(200);
    }
    const read = await fetch(`${cluster.api}/prices/DIST-PRICE-1?currency=EUR`);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({
      amount: 1999,
      compareAtAmount: 3000,
      lowest30Days: 2500,
    });
    const batch = await fetch(`${cluster.api}/prices?skus=DIST-PRICE-1,DIST-NONE&currency=EUR`);
    expect(((await batch.json()) as { items: unknown[] }).items).toHaveLength(1);
    const history = await fetch(`${cluster.api}/prices/DIST-PRICE-1/history?currency=EUR`);
    expect(
      ((await history.json()) as { items: { amount: number }[] }).items.map((item) => item.amount),
    ).toEqual([1999, 2500]);

    const events = await readTopic(
      `${cluster.prefix}pricing.price`,
      (seen) => seen.filter((event) => event.subject === 'DIST-PRICE-1').length >= 2,
      15_000,
    );
    expect(events.filter((event) => event.type === 'pricing.price.changed')).toHaveLength(2);
  });

  it('when an anonymous caller sets a price through the gateway, then it is refused and nothing is written', async () => {
    const put = await fetch(`${cluster.api}/prices/DIST-PRICE-2`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ amount: 1, currency: 'USD' }),
    });
    expect(put.status).toBe(401);
    expect((await fetch(`${cluster.api}/prices/DIST-PRICE-2`)).status).toBe(404);
  });
});
