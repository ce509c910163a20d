import { outboxLeaseMigration, outboxMigration, type OutboxSchema } from '@emporium/kit';
import type { Migration } from 'kysely/migration';

export interface CatalogSchema extends OutboxSchema {
  products: {
    id: string;
    slug: string;
    status: string;
    brand_key: string;
    version: number;
    created_at: number;
    updated_at: number;
    doc: string;
  };
  product_categories: { product_id: string; category_id: string };
  product_skus: { sku: string; product_id: string };
  categories: { id: string; slug: string; parent_id: string | null; version: number; doc: string };
  /** The catalog's copy of prices and stock per SKU (ADR 0023); no foreign key: events may come first. */
  sku_offers: {
    sku: string;
    currency: string | null;
    amount: number | null;
    compare_at_amount: number | null;
    price_at: number | null;
    available: number | null;
    stock_version: number | null;
  };
}

export const catalogMigrations: Record<string, Migration> = {
  '0001_outbox': outboxMigration,
  '0002_catalog': {
    async up(db) {
      await db.schema
        .createTable('products')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('brand_key', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'integer', (c) => c.notNull())
        .addColumn('doc', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('products_status_id')
        .on('products')
        .columns(['status', 'id'])
        .execute();
      await db.schema
        .createIndex('products_brand_id')
        .on('products')
        .columns(['brand_key', 'id'])
        .execute();
      await db.schema
        .createTable('product_categories')
        .addColumn('product_id', 'text', (c) =>
          c.notNull().references('products.id').onDelete('cascade'),
        )
        .addColumn('category_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('product_categories_pk', ['category_id', 'product_id'])
        .execute();
      await db.schema
        .createIndex('product_categories_product')
        .on('product_categories')
        .column('product_id')
        .execute();
      await db.schema
        .createTable('product_skus')
        .addColumn('sku', 'text', (c) => c.primaryKey())
        .addColumn('product_id', 'text', (c) =>
          c.notNull().references('products.id').onDelete('cascade'),
        )
        .execute();
      await db.schema
        .createIndex('product_skus_product')
        .on('product_skus')
        .column('product_id')
        .execute();
      await db.schema
        .createTable('categories')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('parent_id', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('doc', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0003_outbox_lease': outboxLeaseMigration,
  '0004_sku_offers': {
    async up(db) {
      await db.schema
        .createTable('sku_offers')
        .addColumn('sku', 'text', (c) => c.primaryKey())
        .addColumn('currency', 'text')
        .addColumn('amount', 'integer')
        .addColumn('compare_at_amount', 'integer')
        .addColumn('price_at', 'integer')
        .addColumn('available', 'integer')
        .addColumn('stock_version', 'integer')
        .execute();
    },
  },
};
