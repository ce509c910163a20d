import { openSqlite, type CloudEvent } from '@emporium/kit';
import { catalogMigrations, type CatalogSchema } from '../../src/adapters/storage/sqlite/schema.ts';
import { SqliteProductStore } from '../../src/adapters/storage/sqlite/sqlite-product-store.ts';
import { describeProductStoreContract } from './product-store.contract.ts';

describeProductStoreContract({
  name: 'SQLite',
  async create() {
    const handle = await openSqlite<CatalogSchema>({
      path: ':memory:',
      migrations: catalogMigrations,
    });
    const store = new SqliteProductStore({
      handle,
      now: () => Date.now(),
      onCommit: () => undefined,
    });
    const committedEvents = async () =>
      (await handle.db.selectFrom('outbox').select('envelope').orderBy('seq').execute()).map(
        (row) => JSON.parse(row.envelope) as CloudEvent,
      );
    return { store, committedEvents, close: () => handle.close() };
  },
});
