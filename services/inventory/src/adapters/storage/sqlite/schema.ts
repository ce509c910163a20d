import { outboxLeaseMigration, outboxMigration, type OutboxSchema } from '@emporium/kit';
import { sql } from 'kysely';
import type { Migration } from 'kysely/migration';

export interface InventorySchema extends OutboxSchema {
  stock: { sku: string; version: number; doc: string };
  adjustments: { id: string; sku: string; doc: string };
  adjustment_keys: { sku: string; key: string; request_hash: string; entry_id: string };
  reservations: {
    id: string;
    order_id: string;
    status: string;
    expires_at: number;
    doc: string;
  };
}

export const inventoryMigrations: Record<string, Migration> = {
  '0001_outbox': outboxMigration,
  '0002_outbox_lease': outboxLeaseMigration,
  '0003_inventory': {
    async up(db) {
      await db.schema
        .createTable('stock')
        .addColumn('sku', 'text', (c) => c.primaryKey())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('doc', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('adjustments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('sku', 'text', (c) => c.notNull())
        .addColumn('doc', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('adjustments_sku_id')
        .on('adjustments')
        .columns(['sku', 'id'])
        .execute();
      await db.schema
        .createTable('reservations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('order_id', 'text', (c) => c.notNull().unique())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'integer', (c) => c.notNull())
        .addColumn('doc', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('reservations_status_expiry')
        .on('reservations')
        .columns(['status', 'expires_at'])
        .execute();
    },
  },
  // Every change of a hot SKU shares its partition key: the relay's claim looks for an
  // earlier row of the key still leased, and without this index it walked the key's whole
  // history (published rows too) for every row it claimed.
  '0004_outbox_leased_index': {
    async up(db) {
      await sql`create index outbox_leased on outbox (partition_key, seq) where status = 'in_progress'`.execute(
        db,
      );
    },
  },
  // Idempotency keys of adjustments (orders' restocks): one row per SKU and key.
  '0005_adjustment_keys': {
    async up(db) {
      await db.schema
        .createTable('adjustment_keys')
        .addColumn('sku', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('entry_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('adjustment_keys_pk', ['sku', 'key'])
        .execute();
    },
  },
};
