import {
  SqliteOutboxStore,
  openSqlite,
  outboxLeaseMigration,
  outboxMigration,
} from '@emporium/kit';
import type { OutboxStore } from '@emporium/kit';
import { instantClock } from '@emporium/kit/testing';
import {
  promotionMigrations,
  type PromotionSchema,
} from '../../src/adapters/storage/sql/promotion-schema.ts';
import {
  promotionStores,
  type PromotionStores,
} from '../../src/adapters/storage/sql/promotion-stores.ts';
import type { OutboxSchema } from '@emporium/kit';
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

/** The SQLite adapter in memory, with the kit's outbox beside it as the service has it. */
export async function openSqlitePromotionStores(): Promise<PromotionStoresUnderTest> {
  const handle = await openSqlite<PromotionSchema & OutboxSchema>({
    path: ':memory:',
    migrations: {
      '0001_outbox': outboxMigration,
      '0002_outbox_lease': outboxLeaseMigration,
      ...promotionMigrations('sqlite'),
    },
  });
  let commits = 0;
  const stores = promotionStores({
    db: handle.db,
    dialect: 'sqlite',
    onCommit: () => void (commits += 1),
  });
  return {
    ...stores,
    outbox: new SqliteOutboxStore(handle.db, instantClock(T0)),
    commits: () => commits,
    close: handle.close,
  };
}
