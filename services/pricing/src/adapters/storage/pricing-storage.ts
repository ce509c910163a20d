import type { OutboxStore } from '@emporium/kit';
import type { PriceStore } from '../../app/ports/price-store.ts';
import { SqlPriceStore } from './sql/sql-price-store.ts';
import type { SqlStoreContext } from './sql/schema.ts';
import type { PromotionSchema } from './sql/promotion-schema.ts';
import { promotionStores, type PromotionStores } from './sql/promotion-stores.ts';

/** Every store of the pricing service, on one database, closed together. */
export interface PricingStorage extends PromotionStores {
  prices: PriceStore;
  outbox: OutboxStore;
  /** Name of the engine, for the readiness check. */
  engine: 'sqlite' | 'postgres';
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** The stores on one SQL database; promotions and quotes join them here. */
export function sqlStorage(
  context: SqlStoreContext,
  handle: { outbox: OutboxStore; ready(): Promise<void>; close(): Promise<void> },
): PricingStorage {
  return {
    prices: new SqlPriceStore(context),
    ...promotionStores({
      db: context.db.withTables<PromotionSchema>(),
      dialect: context.dialect,
      onCommit: context.onCommit,
    }),
    outbox: handle.outbox,
    engine: context.dialect,
    ready: handle.ready,
    close: handle.close,
  };
}
