import { sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/** Prices: bases, schedules, the materialised current price, history, the scheduler guard. */
export const pricesMigration: Migration = {
  async up(db) {
    await db.schema
      .createTable('price_bases')
      .addColumn('sku', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('min_quantity', 'integer', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('compare_at_amount', 'bigint')
      .addColumn('set_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('price_bases_pk', ['sku', 'currency', 'min_quantity'])
      .execute();
    await db.schema
      .createTable('price_schedules')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('sku', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('min_quantity', 'integer', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('compare_at_amount', 'bigint')
      .addColumn('valid_from', 'bigint', (c) => c.notNull())
      .addColumn('valid_to', 'bigint')
      .execute();
    await db.schema
      .createIndex('price_schedules_key')
      .on('price_schedules')
      .columns(['sku', 'currency'])
      .execute();
    // The scheduler's next boundary: the first valid_from, or valid_to, after the watermark.
    await db.schema
      .createIndex('price_schedules_from')
      .on('price_schedules')
      .column('valid_from')
      .execute();
    await db.schema
      .createIndex('price_schedules_to')
      .on('price_schedules')
      .column('valid_to')
      .execute();
    await db.schema
      .createTable('current_prices')
      .addColumn('sku', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint')
      .addColumn('compare_at_amount', 'bigint')
      .addColumn('lowest_30_days', 'bigint', (c) => c.notNull())
      .addColumn('tiers', 'text', (c) => c.notNull())
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      // Batch reads go by currency first: `currency = ? and sku in (...)` on this key.
      .addPrimaryKeyConstraint('current_prices_pk', ['currency', 'sku'])
      .execute();
    await db.schema
      .createTable('price_history')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('sku', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('compare_at_amount', 'bigint')
      .addColumn('lowest_30_days', 'bigint', (c) => c.notNull())
      .addColumn('valid_from', 'bigint', (c) => c.notNull())
      .addColumn('valid_to', 'bigint')
      .execute();
    await db.schema
      .createIndex('price_history_key')
      .on('price_history')
      .columns(['sku', 'currency', 'valid_from', 'id'])
      .execute();
    await db.schema
      .createTable('price_scheduler')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('processed_until', 'bigint', (c) => c.notNull())
      .execute();
    await sql`insert into price_scheduler (id, processed_until) values (1, 0)`.execute(db);
  },
};
