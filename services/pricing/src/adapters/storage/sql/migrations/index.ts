import { outboxLeaseMigration, outboxMigration, postgresOutboxMigration } from '@emporium/kit';
import type { Migration } from 'kysely/migration';
import type { SqlDialectName } from '../schema.ts';
import { pricesMigration } from './0001-prices.ts';
import { promotionTableMigrations } from '../promotion-schema.ts';

/**
 * The service's own tables, the same on both engines, applied in name order after the
 * outbox. One file per migration; a new area appends its entry here (`0020_promotions`, …).
 */
export const pricingTableMigrations: Readonly<Record<string, Migration>> = {
  '0010_prices': pricesMigration,
  ...promotionTableMigrations,
};

/** Everything a pricing database needs on `dialect`: the kit's outbox, then the tables. */
export function pricingMigrations(dialect: SqlDialectName): Record<string, Migration> {
  const outbox: Record<string, Migration> =
    dialect === 'postgres'
      ? { '0001_outbox': postgresOutboxMigration }
      : { '0001_outbox': outboxMigration, '0002_outbox_lease': outboxLeaseMigration };
  return { ...outbox, ...pricingTableMigrations };
}
