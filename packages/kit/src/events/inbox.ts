import type { Migration } from 'kysely/migration';
import { openSqlite, type SqliteHandle } from '../db/sqlite.ts';
import { SqlInbox } from '../stores/sql/sql-inbox.ts';
import type { InboxSchema } from './inbox-port.ts';

export type { Inbox, InboxSchema } from './inbox-port.ts';

export const inboxMigrations: Record<string, Migration> = {
  '0001_event_inbox': {
    async up(db) {
      await db.schema
        .createTable('event_inbox')
        .addColumn('grp', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('processed_at', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('event_inbox_pk', ['grp', 'event_id'])
        .execute();
    },
  },
};

/**
 * The inbox in SQLite. `open` owns its file; the constructor shares a handle whose
 * migrations include `inboxMigrations` (Kysely refuses a database that ran migrations
 * it does not know, so two stores in one file must migrate together).
 */
export class SqliteInbox extends SqlInbox {
  private readonly handle: SqliteHandle<InboxSchema>;

  constructor(handle: SqliteHandle<InboxSchema>, now: () => number = Date.now) {
    super(handle.db, now);
    this.handle = handle;
  }

  static async open(path: string, now?: () => number): Promise<SqliteInbox> {
    return new SqliteInbox(
      await openSqlite<InboxSchema>({ path, migrations: inboxMigrations }),
      now,
    );
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
