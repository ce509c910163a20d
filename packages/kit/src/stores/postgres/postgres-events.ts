import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Clock } from '../../clock.ts';
import type { InboxSchema } from '../../events/inbox.ts';
import type { OutboxSchema } from '../sql/outbox-table.ts';
import { SqlInbox } from '../sql/sql-inbox.ts';
import { SqlOutboxStore } from '../sql/sql-outbox-store.ts';

export { postgresOutboxMigration } from '../sql/outbox-table.ts';

/** PostgreSQL: the inbox of every consumer group of the service. */
export const postgresInboxMigration: Migration = {
  async up(db) {
    await db.schema
      .createTable('event_inbox')
      .addColumn('grp', 'text', (c) => c.notNull())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('processed_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('event_inbox_pk', ['grp', 'event_id'])
      .execute();
  },
};

/** Any constant: the relays of one database meet on it; the database scopes it. */
const OUTBOX_CLAIM_LOCK = 0x0b0c_0001;

/**
 * The outbox in a service's PostgreSQL database. Claims of all replicas take one
 * transaction-scoped advisory lock, held for one UPDATE: short, and released on commit
 * or when the connection dies.
 */
export class PostgresOutboxStore extends SqlOutboxStore {
  constructor(db: Kysely<OutboxSchema>, clock: Clock, retentionMs?: number) {
    super({
      db,
      clock,
      retentionMs,
      serializeClaim: async (trx) => {
        await sql`select pg_advisory_xact_lock(${OUTBOX_CLAIM_LOCK})`.execute(trx);
      },
    });
  }
}

/** The inbox in a service's PostgreSQL database (migration: `postgresInboxMigration`). */
export class PostgresInbox extends SqlInbox {
  constructor(db: Kysely<InboxSchema>, clock?: Pick<Clock, 'now'>) {
    super(db, clock ? () => clock.now() : Date.now);
  }
}
