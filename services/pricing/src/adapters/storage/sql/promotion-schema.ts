import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { OutboxSchema } from '@emporium/kit';

/**
 * Tables of promotions, redemptions, quotes and the catalog copy, the same in SQLite and
 * PostgreSQL. Instants are epoch milliseconds (BIGINT in PostgreSQL); lists are JSON text.
 */
export type PromotionSchema = {
  promotions: {
    code: string;
    kind: string;
    value: number;
    buy_quantity: number | null;
    get_quantity: number | null;
    applies_skus: string;
    applies_categories: string;
    currency: string | null;
    min_subtotal: number | null;
    starts_at: number | null;
    ends_at: number | null;
    usage_limit: number | null;
    per_customer_limit: number | null;
    used: number;
    version: number;
    created_at: number;
    updated_at: number;
  };
  promotion_redemptions: {
    code: string;
    order_id: string;
    customer_id: string | null;
    status: 'active' | 'released';
    redeemed_at: number;
    released_at: number | null;
  };
  quotes: {
    id: string;
    body: string;
    created_at: number;
    expires_at: number;
  };
  catalog_products: {
    product_id: string;
    version: number;
    category_ids: string;
    archived: number;
  };
  catalog_skus: {
    sku: string;
    product_id: string;
    category_ids: string;
  };
};

export type PromotionDb = Kysely<PromotionSchema & OutboxSchema>;

export type SqlDialectName = 'sqlite' | 'postgres';

/** What the promotion stores are built from. */
export interface PromotionStoreContext {
  db: PromotionDb;
  dialect: SqlDialectName;
  /** Called after each commit that wrote outbox rows, to wake the relay. */
  onCommit: () => void;
}

/** A unique-key violation, as either engine reports it. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if ((error as Error & { code?: string }).code === '23505') return true;
  return /UNIQUE constraint failed|PRIMARY KEY/i.test(error.message);
}

/**
 * Promotions, redemptions, quotes and the catalog copy: one list for both engines
 * (instants are BIGINT, INTEGER affinity in SQLite), appended to the service's migration
 * list after the price tables.
 */
export const promotionTableMigrations: Readonly<Record<string, Migration>> = {
  '0020_promotions': {
    async up(db) {
      await db.schema
        .createTable('promotions')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('value', 'integer', (c) => c.notNull())
        .addColumn('buy_quantity', 'integer')
        .addColumn('get_quantity', 'integer')
        .addColumn('applies_skus', 'text', (c) => c.notNull())
        .addColumn('applies_categories', 'text', (c) => c.notNull())
        .addColumn('currency', 'text')
        .addColumn('min_subtotal', 'integer')
        .addColumn('starts_at', 'bigint')
        .addColumn('ends_at', 'bigint')
        .addColumn('usage_limit', 'integer')
        .addColumn('per_customer_limit', 'integer')
        .addColumn('used', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        // The last line of defence: no engine may ever store more uses than the limit.
        .addCheckConstraint(
          'promotions_used_within_limit',
          sql`used >= 0 and (usage_limit is null or used <= usage_limit)`,
        )
        .execute();
      await db.schema
        .createTable('promotion_redemptions')
        .addColumn('code', 'text', (c) => c.notNull().references('promotions.code'))
        .addColumn('order_id', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('redeemed_at', 'bigint', (c) => c.notNull())
        .addColumn('released_at', 'bigint')
        .addPrimaryKeyConstraint('promotion_redemptions_pk', ['code', 'order_id'])
        .execute();
      await db.schema
        .createIndex('promotion_redemptions_customer')
        .on('promotion_redemptions')
        .columns(['code', 'customer_id', 'status'])
        .execute();
    },
  },
  '0021_quotes_and_catalog_copy': {
    async up(db) {
      await db.schema
        .createTable('quotes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('catalog_products')
        .addColumn('product_id', 'text', (c) => c.primaryKey())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('category_ids', 'text', (c) => c.notNull())
        .addColumn('archived', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('catalog_skus')
        .addColumn('sku', 'text', (c) => c.primaryKey())
        .addColumn('product_id', 'text', (c) => c.notNull())
        .addColumn('category_ids', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('catalog_skus_product')
        .on('catalog_skus')
        .column('product_id')
        .execute();
    },
  },
};
