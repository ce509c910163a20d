import { sql, type Transaction } from 'kysely';
import type { Migration } from 'kysely/migration';
import { inboxMigrations, type InboxSchema } from './inbox.ts';

export interface EmbeddedBusSchema extends InboxSchema {
  bus_events: {
    seq: number | null;
    id: string;
    topic: string;
    partition_key: string;
    envelope: string;
    published_at: number;
  };
  bus_offsets: { grp: string; seq: number };
  /** Until migration 0002 moves its rows into `event_inbox`, the inbox every store shares. */
  bus_inbox: { grp: string; event_id: string; processed_at: number };
  bus_dead_letters: {
    id: string;
    grp: string;
    event_id: string;
    envelope: string;
    error: string;
    attempts: number;
    failed_at: number;
    status: 'dead' | 'redriven';
    redriven_at: number | null;
  };
}

export const embeddedBusMigrations: Record<string, Migration> = {
  '0001_bus': {
    async up(db) {
      await db.schema
        .createTable('bus_events')
        .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('partition_key', 'text', (c) => c.notNull())
        .addColumn('envelope', 'text', (c) => c.notNull())
        .addColumn('published_at', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('bus_events_topic_seq')
        .on('bus_events')
        .columns(['topic', 'seq'])
        .execute();
      await db.schema
        .createTable('bus_offsets')
        .addColumn('grp', 'text', (c) => c.primaryKey())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('bus_inbox')
        .addColumn('grp', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('processed_at', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('bus_inbox_pk', ['grp', 'event_id'])
        .execute();
      await db.schema
        .createTable('bus_dead_letters')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('grp', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('envelope', 'text', (c) => c.notNull())
        .addColumn('error', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('failed_at', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('redriven_at', 'integer')
        .execute();
    },
  },
  '0002_event_inbox': {
    async up(db) {
      await inboxMigrations['0001_event_inbox']!.up(db);
      await sql`insert into event_inbox (grp, event_id, processed_at)
        select grp, event_id, processed_at from bus_inbox`.execute(db);
      await db.schema.dropTable('bus_inbox').execute();
    },
  },
};

/** One write to the bus file, run in its savepoint of a transaction shared with others. */
export type BusWrite = (trx: Transaction<EmbeddedBusSchema>) => Promise<unknown>;
