import {
  appendToOutbox,
  openSqlite,
  outboxLeaseMigration,
  outboxMigration,
} from '../../src/index.ts';
import { SqliteOutboxStore, type OutboxSchema } from '../../src/index.ts';
import { describeOutboxStoreContract } from '../../src/testing/index.ts';

interface Schema extends OutboxSchema {
  things: { id: string };
}

describeOutboxStoreContract({
  name: 'SQLite',
  async create({ clock, retentionMs }) {
    const handle = await openSqlite<Schema>({
      path: ':memory:',
      migrations: {
        '0001_outbox': outboxMigration,
        '0002_outbox_lease': outboxLeaseMigration,
        '0003_things': {
          up: (db) => db.schema.createTable('things').addColumn('id', 'text').execute(),
        },
      },
    });
    return {
      store: new SqliteOutboxStore(handle, clock, retentionMs),
      append: (events, options) =>
        handle.db.transaction().execute(async (trx) => {
          await trx.insertInto('things').values({ id: events[0]!.id }).execute();
          await appendToOutbox(trx, events, clock.now());
          if (options?.rollback) throw new Error('rolled back');
        }),
      // One process holds one connection per SQLite file: a replica shares it.
      replica: async () => new SqliteOutboxStore(handle, clock, retentionMs),
      close: () => handle.close(),
    };
  },
});
