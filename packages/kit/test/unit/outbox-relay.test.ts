import { describe, expect, it } from 'vitest';
import { createEvent, type CloudEvent } from '../../src/events/cloud-event.ts';
import type { EventBus } from '../../src/events/event-bus.ts';
import { OutboxRelay } from '../../src/events/outbox-relay.ts';
import { openSqlite } from '../../src/db/sqlite.ts';
import {
  appendToOutbox,
  outboxLeaseMigration,
  outboxMigration,
  type OutboxSchema,
} from '../../src/stores/sql/outbox-table.ts';
import { SqliteOutboxStore } from '../../src/stores/sqlite/sqlite-outbox-store.ts';
import { instantClock, silentLogger } from '../../src/testing/index.ts';

function bus(published: CloudEvent[], failing = { on: false }): EventBus {
  return {
    publish: async (events) => {
      if (failing.on) throw new Error('broker down');
      published.push(...events);
    },
  } as EventBus;
}

async function outbox() {
  const clock = instantClock();
  const handle = await openSqlite<OutboxSchema>({
    path: ':memory:',
    migrations: { '0001_outbox': outboxMigration, '0002_outbox_lease': outboxLeaseMigration },
  });
  const event = createEvent({ source: 't', type: 't.item.changed', subject: 'i1', data: {} });
  await appendToOutbox(handle.db, [event], clock.now());
  return { clock, handle, event, store: new SqliteOutboxStore(handle, clock) };
}

describe('OutboxRelay', () => {
  it('when a relay crashed holding a batch, then another relay publishes it once the lease ends', async () => {
    const { clock, handle, event, store } = await outbox();
    await store.claim({ owner: 'crashed', limit: 10, leaseMs: 30_000 });
    const published: CloudEvent[] = [];
    const survivor = new OutboxRelay({
      store,
      bus: bus(published),
      logger: silentLogger,
      leaseMs: 30_000,
    });
    expect(await survivor.publishAll()).toBe(0);
    clock.advance(30_000);
    expect(await survivor.publishAll()).toBe(1);
    expect(published.map((e) => e.id)).toEqual([event.id]);
    expect(await store.find(event.id)).toMatchObject({ status: 'published', attempts: 1 });
    await handle.close();
  });

  it('when the bus refuses a batch, then the rows are failed with the error and published on the next pass', async () => {
    const { handle, event, store } = await outbox();
    const published: CloudEvent[] = [];
    const failing = { on: true };
    const relay = new OutboxRelay({ store, bus: bus(published, failing), logger: silentLogger });
    await expect(relay.publishAll()).rejects.toThrow('broker down');
    expect(await store.find(event.id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'Error: broker down',
    });
    failing.on = false;
    expect(await relay.publishAll()).toBe(1);
    expect(await store.find(event.id)).toMatchObject({ status: 'published', attempts: 2 });
    await handle.close();
  });

  it('when commits arrive within the coalescing window, then one pass publishes them all', async () => {
    const { clock, handle, store } = await outbox();
    const published: CloudEvent[] = [];
    const publishes: number[] = [];
    const counting = {
      publish: async (events: CloudEvent[]) => {
        publishes.push(events.length);
        published.push(...events);
      },
    } as EventBus;
    const relay = new OutboxRelay({ store, bus: counting, logger: silentLogger, coalesceMs: 20 });
    relay.start();
    for (let i = 2; i <= 5; i++) {
      const next = createEvent({ source: 't', type: 't.item.changed', subject: `i${i}`, data: {} });
      await appendToOutbox(handle.db, [next], clock.now());
      relay.notify();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    await relay.stop();
    expect(published).toHaveLength(5);
    expect(publishes).toEqual([5]);
    await handle.close();
  });
});
