import { SqliteOutboxStore, openSqlite, type OutboxStore } from '@emporium/kit';
import { instantClock } from '@emporium/kit/testing';
import { pricingMigrations } from '../../src/adapters/storage/sql/migrations/index.ts';
import type { PromotionSchema } from '../../src/adapters/storage/sql/promotion-schema.ts';
import {
  promotionStores,
  type PromotionStores,
} from '../../src/adapters/storage/sql/promotion-stores.ts';
import type { PricingSchema } from '../../src/adapters/storage/sql/schema.ts';
import { newPromotion, type NewPromotionInput } from '../../src/domain/promotion.ts';

export const T0 = Date.parse('2026-12-01T00:00:00Z');

/** What a contract suite gets from an adapter: the stores, their outbox and the commit count. */
export interface PromotionStoresUnderTest extends PromotionStores {
  outbox: OutboxStore;
  commits(): number;
  close(): Promise<void>;
}

export function promotionFixture(input: Partial<NewPromotionInput> = {}) {
  return newPromotion(
    { code: `P${Math.random().toString(36).slice(2, 10)}`, kind: 'percent', value: 10, ...input },
    T0,
    ['USD', 'EUR'],
  );
}

/** The SQLite adapter in memory, on the service's whole migration list. */
export async function openSqlitePromotionStores(): Promise<PromotionStoresUnderTest> {
  const handle = await openSqlite<PricingSchema>({
    path: ':memory:',
    migrations: pricingMigrations('sqlite'),
  });
  let commits = 0;
  const stores = promotionStores({
    db: handle.db.withTables<PromotionSchema>(),
    dialect: 'sqlite',
    onCommit: () => void (commits += 1),
  });
  return {
    ...stores,
    outbox: new SqliteOutboxStore(handle, instantClock(T0)),
    commits: () => commits,
    close: handle.close,
  };
}
