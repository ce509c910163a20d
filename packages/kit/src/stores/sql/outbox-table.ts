import { sql, type Kysely, type Transaction } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { CloudEvent } from '../../events/cloud-event.ts';
import { topicOf } from '../../events/cloud-event.ts';
import type { OutboxStatus } from '../../events/outbox.ts';

export interface OutboxTable {
  seq: number | null;
  id: string;
  topic: string;
  partition_key: string;
  envelope: string;
  status: OutboxStatus;
  attempts: number;
  last_error: string | null;
  created_at: number;
  published_at: number | null;
  lease_owner: string | null;
  lease_until: number | null;
}

export interface OutboxSchema {
  outbox: OutboxTable;
}

/** SQLite: the outbox table (a service registers this, then `outboxLeaseMigration`). */
export const outboxMigration: Migration = {
  async up(db) {
    await db.schema
      .createTable('outbox')
      .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('partition_key', 'text', (c) => c.notNull())
      .addColumn('envelope', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .addColumn('published_at', 'integer')
      .execute();
    await db.schema
      .createIndex('outbox_unpublished')
      .on('outbox')
      .columns(['status', 'seq'])
      .execute();
  },
};

/** SQLite: the relay's lease (owner and expiry) and the per-key index its claim reads. */
export const outboxLeaseMigration: Migration = {
  async up(db) {
    await db.schema.alterTable('outbox').addColumn('lease_owner', 'text').execute();
    await db.schema.alterTable('outbox').addColumn('lease_until', 'integer').execute();
    await db.schema
      .createIndex('outbox_partition_seq')
      .on('outbox')
      .columns(['partition_key', 'seq'])
      .execute();
  },
};

/** PostgreSQL: the same table with bigint times and sequence, in one migration. */
export const postgresOutboxMigration: Migration = {
  async up(db) {
    await db.schema
      .createTable('outbox')
      .addColumn('seq', 'bigserial', (c) => c.primaryKey())
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('partition_key', 'text', (c) => c.notNull())
      .addColumn('envelope', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('published_at', 'bigint')
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'bigint')
      .execute();
    await sql`create index outbox_unpublished on outbox (seq) where status <> 'published'`.execute(
      db,
    );
    await db.schema
      .createIndex('outbox_partition_seq')
      .on('outbox')
      .columns(['partition_key', 'seq'])
      .execute();
  },
};

/** Appends events inside the caller's transaction, so they commit or vanish with the change. */
export async function appendToOutbox(
  trx: Transaction<OutboxSchema> | Kysely<OutboxSchema>,
  events: CloudEvent[],
  now: number,
): Promise<void> {
  if (events.length === 0) return;
  await trx
    .insertInto('outbox')
    .values(
      events.map((event) => ({
        id: event.id,
        topic: topicOf(event.type),
        partition_key: event.partitionkey,
        envelope: JSON.stringify(event),
        status: 'pending' as const,
        attempts: 0,
        last_error: null,
        created_at: now,
        published_at: null,
        lease_owner: null,
        lease_until: null,
      })),
    )
    .execute();
}
