import { MemoryCache, openSqlite, systemClock, type CloudEvent } from '@emporium/kit';
import { CachedProductStore } from '../../src/adapters/storage/cached-product-store.ts';
import { catalogMigrations, type CatalogSchema } from '../../src/adapters/storage/sqlite/schema.ts';
import { SqliteProductStore } from '../../src/adapters/storage/sqlite/sqlite-product-store.ts';
import { describeProductStoreContract } from './product-store.contract.ts';

describeProductStoreContract({
  name: 'read-through cache over SQLite',
  async create() {
    const handle = await openSqlite<CatalogSchema>({
      path: ':memory:',
      migrations: catalogMigrations,
    });
    const store = new CachedProductStore({
      store: new SqliteProductStore({ handle, now: () => Date.now(), onCommit: () => undefined }),
      cache: new MemoryCache({ maxEntries: 100, clock: systemClock }),
      ttlMs: 60_000,
    });
    const committedEvents = async () =>
      (await handle.db.selectFrom('outbox').select('envelope').orderBy('seq').execute()).map(
        (row) => JSON.parse(row.envelope) as CloudEvent,
      );
    return { store, committedEvents, close: () => handle.close() };
  },
});
