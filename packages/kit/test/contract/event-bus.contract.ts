import { afterEach, describe, expect, it } from 'vitest';
import { createEvent, type CloudEvent } from '../../src/events/cloud-event.ts';
import type { EventBus, RetryPolicy } from '../../src/events/event-bus.ts';
import { eventually } from '../../src/testing/index.ts';

export interface EventBusFixture {
  bus: EventBus;
  /** Closes nothing; opens another bus on the same durable store, as after a restart. */
  reopen(): Promise<EventBus>;
}

export interface EventBusContractOptions {
  name: string;
  create(retry: RetryPolicy): Promise<EventBusFixture>;
}

const fastRetry: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 };

function productEvent(
  id: string,
  type = 'catalog.product.updated',
  data: unknown = { id },
): CloudEvent {
  return createEvent({ source: 'catalog', type, subject: id, data });
}

export function describeEventBusContract({ name, create }: EventBusContractOptions): void {
  describe(`EventBus contract: ${name}`, () => {
    const open: EventBus[] = [];
    async function setUp(): Promise<EventBusFixture> {
      const fixture = await create(fastRetry);
      open.push(fixture.bus);
      return fixture;
    }
    afterEach(async () => {
      await Promise.all(open.splice(0).map((bus) => bus.close().catch(() => undefined)));
    });

    it('when an event is published, then every subscribed group receives it once', async () => {
      const { bus } = await setUp();
      const seenByA: string[] = [];
      const seenByB: string[] = [];
      bus.subscribe({
        group: 'a.indexer',
        topics: ['catalog.product'],
        handle: async (e) => void seenByA.push(e.id),
      });
      bus.subscribe({
        group: 'b.indexer',
        topics: ['catalog.product'],
        handle: async (e) => void seenByB.push(e.id),
      });
      await bus.start();
      const event = productEvent('prd_1');
      await bus.publish([event]);
      await bus.drain();
      expect(seenByA).toEqual([event.id]);
      expect(seenByB).toEqual([event.id]);
    });

    it('when events of one aggregate are published, then a group sees them in order', async () => {
      const { bus } = await setUp();
      const seen: number[] = [];
      bus.subscribe({
        group: 'a.ordered',
        topics: ['catalog.product'],
        handle: async (e) => void seen.push((e.data as { n: number }).n),
      });
      await bus.start();
      for (let n = 0; n < 20; n++)
        await bus.publish([productEvent('prd_1', 'catalog.product.updated', { n })]);
      await bus.drain();
      expect(seen).toEqual([...Array(20).keys()]);
    });

    it('when the same event is published twice, then the handler runs once', async () => {
      const { bus } = await setUp();
      let calls = 0;
      bus.subscribe({
        group: 'a.once',
        topics: ['catalog.product'],
        handle: async () => void calls++,
      });
      await bus.start();
      const event = productEvent('prd_1');
      await bus.publish([event]);
      await bus.publish([event]);
      await bus.drain();
      expect(calls).toBe(1);
    });

    it('when a group filters by type, then other types never reach its handler', async () => {
      const { bus } = await setUp();
      const types: string[] = [];
      bus.subscribe({
        group: 'a.deleted',
        topics: ['catalog.product'],
        types: ['catalog.product.deleted'],
        handle: async (e) => void types.push(e.type),
      });
      await bus.start();
      await bus.publish([
        productEvent('p1', 'catalog.product.created'),
        productEvent('p1', 'catalog.product.deleted'),
      ]);
      await bus.drain();
      expect(types).toEqual(['catalog.product.deleted']);
    });

    it('when a handler fails then succeeds, then the event is delivered after a retry', async () => {
      const { bus } = await setUp();
      let attempts = 0;
      bus.subscribe({
        group: 'a.flaky',
        topics: ['catalog.product'],
        handle: async () => {
          attempts++;
          if (attempts < 2) throw new Error('transient');
        },
      });
      await bus.start();
      await bus.publish([productEvent('prd_1')]);
      await bus.drain();
      expect(attempts).toBe(2);
      expect((await bus.listDeadLetters({ limit: 10 })).items).toEqual([]);
    });

    it('when a handler always fails, then the event is dead-lettered, others keep flowing, and redrive delivers it once fixed', async () => {
      const { bus } = await setUp();
      let broken = true;
      const handled: string[] = [];
      bus.subscribe({
        group: 'a.picky',
        topics: ['catalog.product'],
        handle: async (e) => {
          if (broken && e.subject === 'poison') throw new Error('cannot handle poison');
          handled.push(e.subject);
        },
      });
      await bus.start();
      await bus.publish([productEvent('poison'), productEvent('fine')]);
      await bus.drain();
      expect(handled).toEqual(['fine']);
      const { items } = await bus.listDeadLetters({ groupPrefix: 'a', limit: 10 });
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        group: 'a.picky',
        status: 'dead',
        attempts: fastRetry.maxAttempts,
        error: 'cannot handle poison',
      });
      expect(items[0]!.event.subject).toBe('poison');

      const stillBroken = await bus.redrive(items[0]!.id);
      expect(stillBroken.status).toBe('dead');

      broken = false;
      const redriven = await bus.redrive(items[0]!.id);
      expect(redriven.status).toBe('redriven');
      expect(handled).toEqual(['fine', 'poison']);
      await expect(bus.redrive(items[0]!.id)).rejects.toMatchObject({
        code: 'BUS.ALREADY_REDRIVEN',
      });
      expect((await bus.stats()).deadLetters).toBe(0);
    });

    it('when dead letters are listed with a service prefix, then only that service’s groups are shown', async () => {
      const { bus } = await setUp();
      bus.subscribe({
        group: 'a.fails',
        topics: ['catalog.product'],
        handle: async () => Promise.reject(new Error('a')),
      });
      bus.subscribe({
        group: 'b.fails',
        topics: ['catalog.product'],
        handle: async () => Promise.reject(new Error('b')),
      });
      await bus.start();
      await bus.publish([productEvent('p1')]);
      await bus.drain();
      const onlyA = await bus.listDeadLetters({ groupPrefix: 'a', limit: 10 });
      expect(onlyA.items.map((item) => item.group)).toEqual(['a.fails']);
      await expect(bus.redrive(onlyA.items[0]!.id, 'b')).rejects.toMatchObject({
        code: 'BUS.DEAD_LETTER_NOT_FOUND',
      });
    });

    it('when a consumer restarts, then it resumes after the last handled event without repeats', async () => {
      const fixture = await setUp();
      const first: string[] = [];
      fixture.bus.subscribe({
        group: 'a.resume',
        topics: ['catalog.product'],
        handle: async (e) => void first.push(e.subject),
      });
      await fixture.bus.start();
      await fixture.bus.publish([productEvent('one')]);
      await fixture.bus.drain();
      await fixture.bus.close();

      const publisher = await fixture.reopen();
      open.push(publisher);
      await publisher.publish([productEvent('two')]);
      await publisher.close();

      const restarted = await fixture.reopen();
      open.push(restarted);
      const second: string[] = [];
      restarted.subscribe({
        group: 'a.resume',
        topics: ['catalog.product'],
        handle: async (e) => void second.push(e.subject),
      });
      await restarted.start();
      await eventually(() => second.length === 1);
      await restarted.drain();
      expect(first).toEqual(['one']);
      expect(second).toEqual(['two']);
    });
    it('when a group starts at latest, then it sees what is published after it started and nothing before', async () => {
      const fixture = await setUp();
      const bus = fixture.bus;
      bus.subscribe({ group: 'a.history', topics: ['catalog.product'], handle: async () => {} });
      await bus.start();
      await bus.publish([productEvent('before')]);
      await bus.drain();
      // Closed first, as a restart would: two open buses on one store would be two members
      // of its dead-letter group, and the second join would wait for the first to rejoin.
      await bus.close();

      const tail = await fixture.reopen();
      open.push(tail);
      const seen: string[] = [];
      tail.subscribe({
        group: 'a.tail',
        topics: ['catalog.product'],
        startAt: 'latest',
        handle: async (e) => void seen.push(e.subject),
      });
      await tail.start();
      // Started means the group knows where it stands: the very next event reaches it.
      await tail.publish([productEvent('after')]);
      await eventually(() => seen.length > 0, 15_000);
      await tail.drain();
      expect(seen).toEqual(['after']);
    });
    it('when a group keeps no inbox, then an event published twice reaches it twice and other groups once', async () => {
      const { bus } = await setUp();
      let tail = 0;
      let kept = 0;
      bus.subscribe({
        group: 'a.no-inbox',
        topics: ['catalog.product'],
        inbox: false,
        handle: async () => void tail++,
      });
      bus.subscribe({
        group: 'a.inbox',
        topics: ['catalog.product'],
        handle: async () => void kept++,
      });
      await bus.start();
      const event = productEvent('prd_twice');
      await bus.publish([event]);
      await bus.publish([event]);
      await bus.drain();
      expect([tail, kept]).toEqual([2, 1]);
    });
  });
}
