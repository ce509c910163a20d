import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createEvent } from '../../src/events/cloud-event.ts';
import { openSqlite } from '../../src/db/sqlite.ts';
import {
  appendToOutbox,
  outboxLeaseMigration,
  outboxMigration,
  type OutboxSchema,
} from '../../src/stores/sql/outbox-table.ts';
import { SqliteOutboxStore } from '../../src/stores/sqlite/sqlite-outbox-store.ts';
import { instantClock } from '../../src/testing/index.ts';

const FULL = 2;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function outboxOnDisk() {
  const dir = mkdtempSync(join(tmpdir(), 'outbox-bookkeeping-'));
  dirs.push(dir);
  const clock = instantClock();
  const handle = await openSqlite<OutboxSchema>({
    path: join(dir, 'service.sqlite'),
    migrations: { '0001_outbox': outboxMigration, '0002_outbox_lease': outboxLeaseMigration },
  });
  const append = (subject: string) =>
    appendToOutbox(
      handle.db,
      [createEvent({ source: 't', type: 't.item.changed', subject, data: {} })],
      clock.now(),
    );
  const synchronous = () =>
    (handle.raw.prepare('PRAGMA synchronous').get() as { synchronous: number }).synchronous;
  return { handle, append, synchronous, store: new SqliteOutboxStore(handle, clock) };
}

describe('SQLite outbox bookkeeping (claims and marks commit without a sync of their own)', () => {
  it('when a claim and a mark ran, then the connection is back at synchronous = FULL', async () => {
    const { handle, append, synchronous, store } = await outboxOnDisk();
    try {
      await append('i1');
      const claimed = await store.claim({ owner: 'r', limit: 10, leaseMs: 30_000 });
      expect(synchronous()).toBe(FULL);
      await store.markPublished(
        'r',
        claimed.map((row) => row.id),
      );
      expect(synchronous()).toBe(FULL);
      expect(await store.pendingCount()).toBe(0);
    } finally {
      await handle.close();
    }
  });

  it('when a service transaction is open, then the claim waits for it, and that transaction commits at FULL', async () => {
    const { handle, append, synchronous, store } = await outboxOnDisk();
    try {
      await append('i1');
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let levelAtCommit = -1;
      const service = handle.db.transaction().execute(async (trx) => {
        await appendToOutbox(
          trx,
          [createEvent({ source: 't', type: 't.item.changed', subject: 'i2', data: {} })],
          0,
        );
        await held;
        levelAtCommit = (await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(trx))
          .rows[0]!.synchronous;
      });
      let claimedBeforeRelease = false;
      const claim = store
        .claim({ owner: 'r', limit: 10, leaseMs: 30_000 })
        .then((rows) => ((claimedBeforeRelease = !released), rows));
      let released = false;
      await new Promise((resolve) => setTimeout(resolve, 20));
      released = true;
      release();
      await service;
      const claimed = await claim;
      expect(claimedBeforeRelease).toBe(false);
      expect(levelAtCommit).toBe(FULL);
      // It ran after the service's commit, so it saw both events.
      expect(claimed).toHaveLength(2);
      expect(synchronous()).toBe(FULL);
    } finally {
      await handle.close();
    }
  });
});
