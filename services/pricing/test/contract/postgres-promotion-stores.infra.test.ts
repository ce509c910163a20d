import { afterAll, beforeAll } from 'vitest';
import { PostgresOutboxStore, openPostgres } from '@emporium/kit/postgres';
import {
  createTestPostgresDatabase,
  instantClock,
  type TestPostgresDatabase,
} from '@emporium/kit/testing';
import { pricingMigrations } from '../../src/adapters/storage/sql/migrations/index.ts';
import type { PromotionSchema } from '../../src/adapters/storage/sql/promotion-schema.ts';
import type { PricingSchema } from '../../src/adapters/storage/sql/schema.ts';
import { promotionStores } from '../../src/adapters/storage/sql/promotion-stores.ts';
import { describeCatalogCopyAndQuoteStoreContract } from './catalog-copy-and-quote-store.contract.ts';
import { T0, type PromotionStoresUnderTest } from './promotion-fixtures.ts';
import { describePromotionStoreContract } from './promotion-store.contract.ts';

let database: TestPostgresDatabase;
beforeAll(async () => (database = await createTestPostgresDatabase('pricing_promotions')));
afterAll(() => database.drop());

/** Each test gets empty tables: they are truncated after the migrations ran once. */
async function openPostgresPromotionStores(): Promise<PromotionStoresUnderTest> {
  const handle = await openPostgres<PricingSchema>({
    url: database.url,
    migrations: pricingMigrations('postgres'),
    // Real concurrency: 50 redemptions race over 10 connections.
    pool: { max: 10 },
  });
  await handle.pool.query(
    'truncate promotion_redemptions, promotions, quotes, catalog_products, catalog_skus, outbox',
  );
  let commits = 0;
  return {
    ...promotionStores({
      db: handle.db.withTables<PromotionSchema>(),
      dialect: 'postgres',
      onCommit: () => void (commits += 1),
    }),
    outbox: new PostgresOutboxStore(handle.db, instantClock(T0)),
    commits: () => commits,
    close: handle.close,
  };
}

describePromotionStoreContract({ name: 'PostgreSQL', create: openPostgresPromotionStores });
describeCatalogCopyAndQuoteStoreContract({
  name: 'PostgreSQL',
  create: openPostgresPromotionStores,
});
