import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@emporium/kit/testing';
import { expectProblem, startInventory, type InventoryHarness } from './harness.ts';
import { openSse, type SseClient, type SseFrame } from './sse-client.ts';

const dataOf = (frame: SseFrame) => JSON.parse(frame.data ?? 'null') as Record<string, unknown>;
const stockOf = (sku: string, available?: number) => (frame: SseFrame) =>
  frame.event === 'stock' &&
  dataOf(frame)['sku'] === sku &&
  (available === undefined || dataOf(frame)['available'] === available);

describe('GET /inventory/stream', () => {
  let h: InventoryHarness;
  let base: string;
  const clients: SseClient[] = [];
  const stream = async (query = '', headers: Record<string, string> = {}) => {
    const client = await openSse(`${base}/inventory/stream${query}`, headers);
    clients.push(client);
    // The preamble: the stream is registered with the hub once its first bytes arrive.
    await client.waitFor((frame) => frame.comment === 'connected');
    return client;
  };
  const put = (sku: string, onHand: number) =>
    h.service.app.inject({
      method: 'PUT',
      url: `/inventory/${sku}`,
      headers: h.admin,
      payload: { onHand },
    });

  beforeAll(async () => {
    h = await startInventory();
    base = await h.service.listen();
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(() => h.close());

  it('when stock is counted, then a stream client receives the change within a second', async () => {
    const client = await stream('?skus=STR-1');
    expect(client.response.headers['content-type']).toBe('text/event-stream; charset=utf-8');

    const before = Date.now();
    expect((await put('STR-1', 8)).statusCode).toBe(200);
    const frame = await client.waitFor(stockOf('STR-1'), 1_000);

    expect(frame.receivedAt - before).toBeLessThan(1_000);
    expect(frame.id).toMatch(/^[\w-]+\.\d+$/);
    expect(dataOf(frame)).toEqual({
      sku: 'STR-1',
      onHand: 8,
      reserved: 0,
      available: 8,
      version: 1,
      at: expect.any(String),
    });
  });

  it('when stock is adjusted, then the change reaches the stream, and a filter keeps other SKUs out', async () => {
    await put('STR-2', 5);
    const onlyTwo = await stream('?skus=STR-2');
    const everything = await stream();

    await put('STR-3', 1);
    const adjusted = await h.service.app.inject({
      method: 'POST',
      url: '/inventory/STR-2/adjustments',
      headers: h.admin,
      payload: { delta: -2, reason: 'damaged' },
    });
    expect(adjusted.statusCode, adjusted.body).toBe(201);

    await onlyTwo.waitFor(stockOf('STR-2', 3), 1_000);
    await everything.waitFor(stockOf('STR-2', 3), 1_000);
    expect(everything.events('stock').map((f) => dataOf(f)['sku'])).toEqual(['STR-3', 'STR-2']);
    expect(onlyTwo.events().map((f) => dataOf(f)['sku'])).toEqual(['STR-2']);
  });

  it('when a client reconnects with Last-Event-ID, then it gets exactly the changes it missed', async () => {
    const first = await stream('?skus=STR-4');
    await put('STR-4', 1);
    const seen = await first.waitFor(stockOf('STR-4', 1));
    first.close();
    // Another client shows when the hub has the later changes.
    const watcher = await stream('?skus=STR-4');
    await put('STR-4', 2);
    await put('STR-5', 9);
    await put('STR-4', 3);
    await watcher.waitFor(stockOf('STR-4', 3));

    const resumed = await stream('?skus=STR-4', { 'last-event-id': seen.id! });
    await resumed.waitFor(stockOf('STR-4', 3));

    expect(resumed.events().map((f) => dataOf(f)['available'])).toEqual([2, 3]);
  });

  it('when the resume point is unknown here, then the current level of each filtered SKU comes first', async () => {
    await put('STR-6', 4);
    await put('STR-7', 0);

    const resumed = await stream('?skus=STR-6,STR-7,NEVER-STOCKED', {
      'last-event-id': 'another-replica.42',
    });
    await resumed.waitFor(stockOf('STR-7'));

    expect(resumed.events().map((f) => [dataOf(f)['sku'], dataOf(f)['available']])).toEqual([
      ['STR-6', 4],
      ['STR-7', 0],
    ]);
    const unfiltered = await stream('?lastEventId=another-replica.42');
    await unfiltered.waitFor((frame) => frame.event === 'reset');
  });

  it('when the SKU list is malformed or too long, then 400 with a code and no stream', async () => {
    const bad = await h.service.app.inject({ url: '/inventory/stream?skus=ok,no%20spaces' });
    expectProblem(bad, 400, 'INVENTORY.INVALID_SKU');
    const skus = Array.from({ length: 101 }, (_, i) => `S-${i}`).join(',');
    const many = await h.service.app.inject({ url: `/inventory/stream?skus=${skus}` });
    expectProblem(many, 400, 'INVENTORY.TOO_MANY_SKUS');
  });
});

describe('GET /inventory/stream limits and lifecycle', () => {
  it('when the heartbeat interval passes on the clock, then an idle stream gets a heartbeat comment', async () => {
    const clock = new ManualClock();
    const h = await startInventory({ clock, env: { INVENTORY_STREAM_HEARTBEAT_MS: '15000' } });
    try {
      const client = await openSse(`${await h.service.listen()}/inventory/stream`);
      await client.waitFor((frame) => frame.comment === 'connected');

      clock.advance(14_999);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(client.frames.filter((f) => f.comment === 'heartbeat')).toEqual([]);
      clock.advance(1);

      await client.waitFor((frame) => frame.comment === 'heartbeat');
      client.close();
    } finally {
      await h.close();
    }
  });

  it('when the maximum of streams is open, then the next one is refused with a 503 problem', async () => {
    const h = await startInventory({ env: { INVENTORY_STREAM_MAX_CLIENTS: '1' } });
    try {
      const base = await h.service.listen();
      const first = await openSse(`${base}/inventory/stream`);
      await first.waitFor((frame) => frame.comment === 'connected');

      const refused = await fetch(`${base}/inventory/stream`);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.headers.get('retry-after')).toBe('5');
      expect(await refused.json()).toMatchObject({ code: 'INVENTORY.STREAM_CAPACITY' });
      first.close();
    } finally {
      await h.close();
    }
  });

  it('when a client stops reading, then it is dropped once its unsent bytes pass the limit', async () => {
    const h = await startInventory({ env: { INVENTORY_STREAM_MAX_BUFFERED_BYTES: '65536' } });
    try {
      const base = await h.service.listen();
      const slow = await openSse(`${base}/inventory/stream`);
      await slow.waitFor((frame) => frame.comment === 'connected');
      slow.response.pause();
      const hub = h.service.stores.stream.hub;
      const level = { sku: 'SLOW-1', onHand: 1, reserved: 0, available: 1, at: 'now' };

      // Loopback socket buffers take a few MB before the server side holds anything.
      for (let version = 1; version <= 200_000 && hub.size > 0; version++) {
        hub.publish({ ...level, version });
        if (version % 1_000 === 0) await new Promise((resolve) => setImmediate(resolve));
      }

      expect(hub.size).toBe(0);
      await slow.ended();
    } finally {
      await h.close();
    }
  });

  it('when the service closes with streams open, then it closes promptly and the streams end', async () => {
    const h = await startInventory();
    const base = await h.service.listen();
    const streams = await Promise.all([
      openSse(`${base}/inventory/stream`),
      openSse(base + '/inventory/stream?skus=X-1'),
    ]);
    await Promise.all(streams.map((s) => s.waitFor((frame) => frame.comment === 'connected')));

    const started = Date.now();
    await h.close();

    await Promise.all(streams.map((s) => s.ended()));
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
