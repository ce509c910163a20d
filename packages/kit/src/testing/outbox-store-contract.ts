import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../clock.ts';
import { createEvent, type CloudEvent } from '../events/cloud-event.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { OutboxStore } from '../events/outbox.ts';
import { OutboxRelay } from '../events/outbox-relay.ts';
import { instantClock, silentLogger } from './fakes.ts';

export interface OutboxStoreFixture {
  store: OutboxStore;
  /** Appends the events in one transaction that also changes the store's own state; `rollback` aborts it. */
  append(events: CloudEvent[], options?: { rollback?: boolean }): Promise<void>;
  /** Another store on the same database through its own connection, as a second replica has. */
  replica(): Promise<OutboxStore>;
  close(): Promise<void>;
}

export interface OutboxStoreContractOptions {
  name: string;
  create(setup: { clock: Clock; retentionMs: number }): Promise<OutboxStoreFixture>;
  capabilities?: {
    /** Events the two-relay test appends (default 300). */
    relayEvents?: number;
  };
}

const RETENTION_MS = 60_000;
const LEASE_MS = 10_000;
/** More keys than a batch holds, so both relays find rows their peer has not blocked. */
const KEYS = 23;

function eventOf(key: string, n: number): CloudEvent {
  return createEvent({
    source: 'contract',
    type: 'contract.item.changed',
    subject: key,
    data: { key, n },
  });
}

/** A bus that only records what was published, in order. */
function recordingBus(): EventBus & { published: CloudEvent[] } {
  const published: CloudEvent[] = [];
  const unused = () => Promise.reject(new Error('not used by the outbox contract'));
  return {
    published,
    publish: async (events) => {
      // Yield, as a network call does, so two relays interleave.
      await new Promise((resolve) => setImmediate(resolve));
      published.push(...events);
    },
    subscribe: () => undefined,
    start: async () => undefined,
    listDeadLetters: unused,
    redrive: unused,
    stats: async () => ({ lag: {}, deadLetters: 0 }),
    drain: async () => undefined,
    close: async () => undefined,
  };
}

export function describeOutboxStoreContract(options: OutboxStoreContractOptions): void {
  describe(`OutboxStore contract: ${options.name}`, () => {
    const open: OutboxStoreFixture[] = [];
    let clock: ReturnType<typeof instantClock>;
    async function setUp(): Promise<OutboxStoreFixture> {
      clock = instantClock();
      const fixture = await options.create({ clock, retentionMs: RETENTION_MS });
      open.push(fixture);
      return fixture;
    }
    afterEach(async () => {
      await Promise.all(open.splice(0).map((fixture) => fixture.close()));
    });
    const claim = (store: OutboxStore, owner: string, limit = 100) =>
      store.claim({ owner, limit, leaseMs: LEASE_MS });

    it('when events are committed, then they are claimed in commit order', async () => {
      const { store, append } = await setUp();
      const first = [eventOf('a', 1), eventOf('b', 1)];
      const second = [eventOf('a', 2)];
      await append(first);
      await append(second);
      expect(await store.pendingCount()).toBe(3);
      const claimed = await claim(store, 'r1');
      expect(claimed.map((entry) => entry.event.id)).toEqual(
        [...first, ...second].map((event) => event.id),
      );
      expect(claimed[0]!.event).toEqual(first[0]);
      expect((await store.pending(10)).map((entry) => entry.event.id)).toHaveLength(3);
    });

    it('when the transaction that appended rolls back, then nothing is pending', async () => {
      const { store, append } = await setUp();
      const event = eventOf('a', 1);
      await append([event], { rollback: true }).catch(() => undefined);
      expect(await store.pendingCount()).toBe(0);
      expect(await claim(store, 'r1')).toEqual([]);
      expect(await store.find(event.id)).toBeUndefined();
    });

    it('when claimed rows are marked published, then they count one attempt and are not claimed again', async () => {
      const { store, append } = await setUp();
      const event = eventOf('a', 1);
      await append([event]);
      const [entry] = await claim(store, 'r1');
      expect(await store.find(event.id)).toMatchObject({
        status: 'in_progress',
        leaseOwner: 'r1',
        leaseUntil: clock.now() + LEASE_MS,
      });
      await store.markPublished('r1', [entry!.id]);
      expect(await store.find(event.id)).toMatchObject({
        status: 'published',
        attempts: 1,
        leaseOwner: null,
      });
      expect(await store.pendingCount()).toBe(0);
      expect(await claim(store, 'r2')).toEqual([]);
    });

    it('when a publish fails, then the row is failed with its error and claimed again, counting attempts', async () => {
      const { store, append } = await setUp();
      const event = eventOf('a', 1);
      await append([event]);
      const [entry] = await claim(store, 'r1');
      await store.markFailed('r1', [entry!.id], 'broker down');
      expect(await store.find(event.id)).toMatchObject({
        status: 'failed',
        attempts: 1,
        lastError: 'broker down',
      });
      expect(await store.pendingCount()).toBe(1);
      const [again] = await claim(store, 'r2');
      expect(again!.event.id).toBe(event.id);
      await store.markPublished('r2', [again!.id]);
      expect(await store.find(event.id)).toMatchObject({ status: 'published', attempts: 2 });
    });

    it('when rows are leased to a relay, then another gets them only after the lease expires, and the old owner cannot mark them', async () => {
      const { store, append } = await setUp();
      const event = eventOf('a', 1);
      await append([event]);
      const [held] = await claim(store, 'crashed');
      clock.advance(LEASE_MS - 1);
      expect(await claim(store, 'r2')).toEqual([]);
      clock.advance(1);
      const [taken] = await claim(store, 'r2');
      expect(taken!.event.id).toBe(event.id);
      await store.markPublished('crashed', [held!.id]);
      expect(await store.find(event.id)).toMatchObject({ status: 'in_progress', leaseOwner: 'r2' });
      await store.markPublished('r2', [taken!.id]);
      expect(await store.find(event.id)).toMatchObject({ status: 'published', attempts: 1 });
    });

    it('when a relay claims again while it holds rows (its mark failed), then it gets them back', async () => {
      const { store, append } = await setUp();
      const event = eventOf('a', 1);
      await append([event]);
      await claim(store, 'r1');
      const [again] = await claim(store, 'r1');
      expect(again!.event.id).toBe(event.id);
      expect(await claim(store, 'r2')).toEqual([]);
    });

    it('when an earlier row of a key is leased elsewhere, then later rows of that key wait while other keys are claimed', async () => {
      const { store, append } = await setUp();
      await append([eventOf('a', 1)]);
      await claim(store, 'r1', 1);
      const b1 = eventOf('b', 1);
      await append([eventOf('a', 2), b1]);
      const claimed = await claim(store, 'r2');
      expect(claimed.map((entry) => entry.event.id)).toEqual([b1.id]);
    });

    it('when published rows outlive the retention, then a later publish removes them', async () => {
      const { store, append } = await setUp();
      const old = eventOf('a', 1);
      await append([old]);
      await store.markPublished(
        'r1',
        (await claim(store, 'r1')).map((entry) => entry.id),
      );
      clock.advance(RETENTION_MS - 1);
      const recent = eventOf('a', 2);
      await append([recent]);
      await store.markPublished(
        'r1',
        (await claim(store, 'r1')).map((entry) => entry.id),
      );
      expect(await store.find(old.id)).toMatchObject({ status: 'published' });
      clock.advance(2);
      const later = eventOf('a', 3);
      await append([later]);
      await store.markPublished(
        'r1',
        (await claim(store, 'r1')).map((entry) => entry.id),
      );
      expect(await store.find(old.id)).toBeUndefined();
      expect(await store.find(recent.id)).toMatchObject({ status: 'published' });
    });

    it('when two relays run concurrently on one store, then each row is published exactly once, in order per partition key', async () => {
      const fixture = await setUp();
      const count = options.capabilities?.relayEvents ?? 300;
      const bus = recordingBus();
      const stores = [fixture.store, await fixture.replica()];
      const relays = stores.map(
        (store, index) =>
          new OutboxRelay({
            store,
            bus,
            logger: silentLogger,
            owner: `relay-${index}`,
            batchSize: 5,
          }),
      );
      const appended: CloudEvent[] = [];
      const writer = (async () => {
        for (let n = 0; n < count; n += 5) {
          const events = Array.from({ length: 5 }, (_, i) =>
            eventOf(`key-${(n + i) % KEYS}`, n + i),
          );
          await fixture.append(events);
          appended.push(...events);
        }
      })();
      let writing = true;
      void writer.finally(() => (writing = false));
      const byRelay = await Promise.all(
        relays.map(async (relay) => {
          let published = 0;
          // Bounded: each pass publishes something or the writer is still appending.
          for (let pass = 0; pass < 10 * count; pass++) {
            const done = !writing;
            const now = await relay.publishAll();
            published += now;
            if (done && (await fixture.store.pendingCount()) === 0) break;
            // Idle: let the writer commit rather than spin on an empty claim.
            if (now === 0) await new Promise((resolve) => setTimeout(resolve, 2));
          }
          return published;
        }),
      );
      await writer;
      const ids = bus.published.map((event) => event.id);
      expect(ids.length).toBe(count);
      expect(new Set(ids).size).toBe(count);
      expect(byRelay.reduce((a, b) => a + b, 0)).toBe(count);
      for (let key = 0; key < KEYS; key++) {
        const order = (events: CloudEvent[]) =>
          events.filter((event) => event.subject === `key-${key}`).map((event) => event.id);
        expect(order(bus.published)).toEqual(order(appended));
      }
      console.info(
        `[${options.name}] two relays published ${ids.length} events (${new Set(ids).size} distinct): relay-0 ${byRelay[0]}, relay-1 ${byRelay[1]}`,
      );
    });
  });
}
