import { openSqlite } from '@emporium/kit';
import { catalogMigrations, type CatalogSchema } from '../../src/adapters/storage/sqlite/schema.ts';
import { SqliteSkuOfferStore } from '../../src/adapters/storage/sqlite/sqlite-sku-offer-store.ts';
import { describeSkuOfferStoreContract } from './sku-offer-store.contract.ts';

describeSkuOfferStoreContract({
  name: 'SQLite',
  async create() {
    const handle = await openSqlite<CatalogSchema>({
      path: ':memory:',
      migrations: catalogMigrations,
    });
    const store = new SqliteSkuOfferStore(handle);
    return Object.assign(store, { close: () => handle.close() });
  },
});
