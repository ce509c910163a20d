import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEvent, type CloudEvent } from '../../src/events/cloud-event.ts';
import { EmbeddedEventBus } from '../../src/events/embedded-bus.ts';
import { instantClock, silentLogger } from '../../src/testing/index.ts';

const BATCH = 50;

function productEvents(count: number): CloudEvent[] {
  return Array.from({ length: count }, (_, n) =>
    createEvent({
      source: 'catalog',
      type: 'catalog.product.updated',
      subject: `prd_${n}`,
      data: { n },
    }),
  );
}

describe('embedded bus batches', () => {
  const buses: EmbeddedEventBus[] = [];
  const open = async (path = join(mkdtempSync(join(tmpdir(), 'bus-batch-')), 'bus.sqlite')) => {
    const bus = await EmbeddedEventBus.open({
      path,
      clock: instantClock(),
      logger: silentLogger,
      batchSize: BATCH,
      pollIntervalMs: 60_000,
    });
    buses.push(bus);
    return { bus, path };
  };
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
  });

  it('when a backlog drains, then a timer set before it fires while the backlog is still draining', async () => {
    const { bus } = await open();
    const handled: number[] = [];
    bus.subscribe({
      group: 'a.backlog',
      topics: ['catalog.product'],
      handle: async (event) => void handled.push((event.data as { n: number }).n),
    });
    await bus.publish(productEvents(BATCH * 20));
    let handledWhenTimerFired: number | undefined;
    setTimeout(() => (handledWhenTimerFired = handled.length), 0);
    await bus.start();
    await bus.drain();

    expect(handled).toEqual([...Array(BATCH * 20).keys()]);
    expect(handledWhenTimerFired).toBeDefined();
    expect(handledWhenTimerFired).toBeLessThan(BATCH * 20);
  });

  it('when the same event is in one batch twice, then the handler runs once and a restart does not repeat it', async () => {
    const { bus, path } = await open();
    const [event] = productEvents(1) as [CloudEvent];
    let calls = 0;
    const subscription = {
      group: 'a.twice',
      topics: ['catalog.product'],
      handle: async () => void calls++,
    };
    bus.subscribe(subscription);
    await bus.publish([event, ...productEvents(3), event]);
    await bus.start();
    await bus.drain();
    await bus.close();

    const { bus: reopened } = await open(path);
    reopened.subscribe(subscription);
    await reopened.publish([event]);
    await reopened.start();
    await reopened.drain();

    expect(calls).toBe(4);
    expect((await reopened.stats()).lag).toEqual({ 'a.twice': 0 });
  });

  it('when a handler fails for good mid-batch, then the events before it stay handled across a restart', async () => {
    const { bus, path } = await open();
    const events = productEvents(10);
    const seen: number[] = [];
    const subscription = {
      group: 'a.poison',
      topics: ['catalog.product'],
      handle: async (event: CloudEvent) => {
        const { n } = event.data as { n: number };
        if (n === 5) throw new Error('poison');
        seen.push(n);
      },
    };
    bus.subscribe(subscription);
    await bus.publish(events);
    await bus.start();
    await bus.drain();
    await bus.close();

    const { bus: reopened } = await open(path);
    reopened.subscribe(subscription);
    await reopened.publish(events.slice(0, 5));
    await reopened.start();
    await reopened.drain();

    expect(seen).toEqual([0, 1, 2, 3, 4, 6, 7, 8, 9]);
    expect((await reopened.stats()).deadLetters).toBe(1);
  });

  it('when the subscription handles batches, then each delivery batch reaches handleBatch once, in log order, filtered and without repeats, and a restart does not repeat them', async () => {
    const { bus, path } = await open();
    const events = productEvents(BATCH * 2 + 20);
    const other = createEvent({
      source: 'catalog',
      type: 'catalog.product.deleted',
      subject: 'prd_x',
      data: { n: -1 },
    });
    const batches: number[][] = [];
    const single: number[] = [];
    const subscription = {
      group: 'a.batches',
      topics: ['catalog.product'],
      types: ['catalog.product.updated'],
      handle: async (event: CloudEvent) => void single.push((event.data as { n: number }).n),
      handleBatch: async (batch: CloudEvent[]) =>
        void batches.push(batch.map((event) => (event.data as { n: number }).n)),
    };
    bus.subscribe(subscription);
    await bus.publish([...events.slice(0, 10), other, events[3]!, ...events.slice(10)]);
    await bus.start();
    await bus.drain();
    await bus.close();

    expect(batches.flat()).toEqual([...Array(BATCH * 2 + 20).keys()]);
    expect(batches.length).toBe(3);
    expect(batches.every((batch) => batch.length <= BATCH)).toBe(true);
    expect(single).toEqual([]);

    const { bus: reopened } = await open(path);
    reopened.subscribe(subscription);
    await reopened.publish([...events.slice(0, 5), ...productEvents(2)]);
    await reopened.start();
    await reopened.drain();
    expect(batches.slice(3)).toEqual([[0, 1]]);
    expect((await reopened.stats()).lag).toEqual({ 'a.batches': 0 });
  });

  it('when handleBatch throws, then that batch goes to handle one by one and only the bad event is dead-lettered', async () => {
    const { bus } = await open();
    const seen: number[] = [];
    let batchCalls = 0;
    bus.subscribe({
      group: 'a.batch-poison',
      topics: ['catalog.product'],
      handle: async (event: CloudEvent) => {
        const { n } = event.data as { n: number };
        if (n === 5) throw new Error('poison');
        seen.push(n);
      },
      handleBatch: async (batch: CloudEvent[]) => {
        batchCalls++;
        if (batch.some((event) => (event.data as { n: number }).n === 5)) throw new Error('poison');
        for (const event of batch) seen.push((event.data as { n: number }).n);
      },
    });
    await bus.publish(productEvents(10));
    await bus.start();
    await bus.drain();

    expect(batchCalls).toBe(1);
    expect(seen).toEqual([0, 1, 2, 3, 4, 6, 7, 8, 9]);
    expect((await bus.stats()).deadLetters).toBe(1);
  });
});
