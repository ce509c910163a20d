import { afterAll, beforeAll } from 'vitest';
import { appendToOutbox, type OutboxSchema } from '@emporium/kit';
import { openPostgres, postgresOutboxMigration, PostgresOutboxStore } from '@emporium/kit/postgres';
import {
  createTestPostgresDatabase,
  describeOutboxStoreContract,
  type TestPostgresDatabase,
} from '@emporium/kit/testing';

interface Schema extends OutboxSchema {
  things: { id: string };
}

let database: TestPostgresDatabase;
beforeAll(async () => (database = await createTestPostgresDatabase('kit_outbox')));
afterAll(() => database.drop());

describeOutboxStoreContract({
  name: 'PostgreSQL',
  async create({ clock, retentionMs }) {
    const open = () =>
      openPostgres<Schema>({
        url: database.url,
        migrations: {
          '0001_outbox': postgresOutboxMigration,
          '0002_things': {
            up: (db) => db.schema.createTable('things').addColumn('id', 'text').execute(),
          },
        },
      });
    const handles = [await open()];
    const db = handles[0]!.db;
    await db.deleteFrom('outbox').execute();
    return {
      store: new PostgresOutboxStore(db, clock, retentionMs),
      append: (events, options) =>
        db.transaction().execute(async (trx) => {
          await trx.insertInto('things').values({ id: events[0]!.id }).execute();
          await appendToOutbox(trx, events, clock.now());
          if (options?.rollback) throw new Error('rolled back');
        }),
      // A second pool, as a second replica of the service has.
      replica: async () => {
        const other = await open();
        handles.push(other);
        return new PostgresOutboxStore(other.db, clock, retentionMs);
      },
      close: async () => {
        await Promise.all(handles.map((handle) => handle.close()));
      },
    };
  },
});
