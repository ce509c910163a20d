import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from './harness.ts';
import { readTopic } from './kafka-recorder.ts';

describe('the distributed inventory (DynamoDB, Kafka) through the gateway', () => {
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

  const send = (method: string, path: string, body?: object) =>
    fetch(`${cluster.api}${path}`, {
      method,
      ...(body
        ? { headers: admin, body: JSON.stringify(body) }
        : { headers: { authorization: admin['authorization']! } }),
    });

  it('when 200 single-unit reservations race for 10 on hand, then exactly 10 are held and the stock says so', async () => {
    expect((await send('PUT', '/inventory/DIST-HOT-1', { onHand: 10 })).status).toBe(200);
    const statuses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        send('POST', '/reservations', {
          orderId: `dist-hot-${i}`,
          items: [{ sku: 'DIST-HOT-1', quantity: 1 }],
        }).then((response) => response.status),
      ),
    );
    const count = (status: number) => statuses.filter((answer) => answer === status).length;
    // A histogram, so a failure shows every status that came back.
    expect(
      Object.fromEntries([...new Set(statuses)].map((status) => [status, count(status)])),
    ).toEqual({
      201: 10,
      409: 190,
    });
    const stock = await (await fetch(`${cluster.api}/inventory/DIST-HOT-1`)).json();
    expect(stock).toMatchObject({ onHand: 10, reserved: 10, available: 0 });
  });

  it('when stock is reserved and committed, then every change reaches Kafka on the inventory.stock topic', async () => {
    await send('PUT', '/inventory/DIST-KAFKA-1', { onHand: 3 });
    const held = await send('POST', '/reservations', {
      orderId: 'dist-kafka-1',
      items: [{ sku: 'DIST-KAFKA-1', quantity: 1 }],
    });
    const { id } = (await held.json()) as { id: string };
    expect((await send('POST', `/reservations/${id}/commit`)).status).toBe(200);
    const changes = (seen: { type: string; subject: string }[]) =>
      seen.filter((e) => e.subject === 'DIST-KAFKA-1' && e.type === 'inventory.stock.changed');
    const events = await readTopic(
      `${cluster.prefix}inventory.stock`,
      (seen) => changes(seen).length >= 3,
      30_000,
    );
    expect(changes(events)).toHaveLength(3);
  });
});
