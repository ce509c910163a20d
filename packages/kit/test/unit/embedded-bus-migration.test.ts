import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEvent } from '../../src/events/cloud-event.ts';
import { embeddedBusMigrations } from '../../src/events/embedded-bus-schema.ts';
import { EmbeddedEventBus } from '../../src/events/embedded-bus.ts';
import { openSqlite } from '../../src/db/sqlite.ts';
import { instantClock, silentLogger } from '../../src/testing/index.ts';

describe('embedded bus file from before the shared inbox', () => {
  it('when a bus file has events in bus_inbox, then after the upgrade those events are still not handled twice', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'bus-upgrade-')), 'bus.sqlite');
    const event = createEvent({
      source: 'catalog',
      type: 'catalog.product.updated',
      subject: 'p1',
      data: {},
    });
    const old = await openSqlite<{
      bus_inbox: { grp: string; event_id: string; processed_at: number };
    }>({
      path,
      migrations: { '0001_bus': embeddedBusMigrations['0001_bus']! },
    });
    await old.db
      .insertInto('bus_inbox')
      .values({ grp: 'a.once', event_id: event.id, processed_at: 1 })
      .execute();
    await old.close();

    const bus = await EmbeddedEventBus.open({
      path,
      clock: instantClock(),
      logger: silentLogger,
      pollIntervalMs: 50,
    });
    let calls = 0;
    bus.subscribe({
      group: 'a.once',
      topics: ['catalog.product'],
      handle: async () => void calls++,
    });
    await bus.start();
    await bus.publish([event]);
    await bus.drain();
    await bus.close();
    expect(calls).toBe(0);
  });
});
