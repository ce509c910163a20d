import { outboxLeaseMigration, outboxMigration, type OutboxSchema } from '@emporium/kit';
import type { Migration } from 'kysely/migration';

export interface CartSchema extends OutboxSchema {
  carts: {
    id: string;
    user_id: string | null;
    version: number;
    expires_at: number;
    doc: string;
  };
}

export const cartMigrations: Record<string, Migration> = {
  '0001_outbox': outboxMigration,
  '0002_outbox_lease': outboxLeaseMigration,
  '0003_carts': {
    async up(db) {
      await db.schema
        .createTable('carts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        // One cart per signed-in customer; anonymous carts have none (NULLs never collide).
        .addColumn('user_id', 'text', (c) => c.unique())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('expires_at', 'integer', (c) => c.notNull())
        .addColumn('doc', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('carts_expiry').on('carts').columns(['expires_at']).execute();
    },
  },
};
