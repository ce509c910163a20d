import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@emporium/kit/testing';
import { startInventory, type InventoryHarness } from './harness.ts';
import { openSse, type SseFrame } from './sse-client.ts';

const kafka = {
  EVENT_BUS: 'kafka',
  KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092',
};

const dataOf = (frame: SseFrame) => JSON.parse(frame.data ?? 'null') as Record<string, unknown>;

/**
 * Two inventory replicas on DynamoDB and Kafka (one table, one topic prefix): a change either
 * commits reaches the streams of both, each through its own per-process consumer group.
 */
describe('the stock stream across replicas on DynamoDB and Kafka', () => {
  let replicas: InventoryHarness[];
  let urls: string[];

  beforeAll(async () => {
    const run = randomUUID().slice(0, 8);
    const env = {
      ...kafka,
      KAFKA_TOPIC_PREFIX: `stream-${run}.`,
      // One table for both, as one deployment: their relays share its outbox.
      INVENTORY_STORE: 'dynamodb',
      INVENTORY_DYNAMODB_TABLE: `stream-replicas-${run}`,
      AWS_ENDPOINT_URL: process.env['AWS_ENDPOINT_URL'] ?? 'http://127.0.0.1:14566',
    };
    replicas = [await startInventory({ env }), await startInventory({ env })];
    urls = await Promise.all(replicas.map((replica) => replica.service.listen()));
    // The consumers join their groups in the background; ready means they run.
    for (const url of urls) {
      await eventually(async () => (await fetch(`${url}/health/ready`)).ok, 20_000);
    }
  });
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
  });

  async function setOnHand(onHand: number): Promise<void> {
    const response = await replicas[0]!.service.app.inject({
      method: 'PUT',
      url: '/inventory/RPL-1',
      headers: replicas[0]!.admin,
      payload: { onHand },
    });
    expect(response.statusCode).toBe(200);
  }

  it('when one replica commits a stock change, then stream clients of both replicas receive it within a second', async () => {
    const [a, b] = await Promise.all(
      urls.map((url) => openSse(`${url}/inventory/stream?skus=RPL-1`)),
    );
    await Promise.all([a!, b!].map((s) => s.waitFor((frame) => frame.comment === 'connected')));

    // Ready means each replica's feed knows where it stands: the first change reaches both.
    await setOnHand(1);
    await Promise.all([a!, b!].map((s) => s.waitFor((frame) => frame.event === 'stock', 10_000)));

    const before = Date.now();
    await setOnHand(500);
    const matches = (frame: SseFrame) => frame.event === 'stock' && dataOf(frame)['onHand'] === 500;
    const [onA, onB] = await Promise.all([a!.waitFor(matches, 2_000), b!.waitFor(matches, 2_000)]);

    expect(onA.receivedAt - before).toBeLessThan(1_000);
    expect(onB.receivedAt - before).toBeLessThan(1_000);
    a!.close();
    b!.close();
  });
});
