import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { outboxLeaseMigration, outboxMigration, postgresOutboxMigration } from '@emporium/kit';
import type { OutboxSchema } from '@emporium/kit';

/**
 * The orders database, the same on SQLite and PostgreSQL. An order and its saga are JSON
 * documents in one row beside the columns queries need; instants are epoch milliseconds.
 */
export interface OrdersSchema extends OutboxSchema {
  orders: {
    id: string;
    user_id: string;
    status: string;
    body: string;
    saga: string;
    /** 1 while the saga has steps left: what the resumer looks through. */
    saga_open: number;
    lease_owner: string | null;
    lease_until: number;
    idempotency_key: string;
    version: number;
    created_at: number;
    updated_at: number;
  };
  /** One row per (customer, key): the unique key that makes a repeated POST place nothing. */
  idempotency_keys: {
    user_id: string;
    key: string;
    request_hash: string;
    order_id: string;
    response_status: number | null;
    response_body: string | null;
    created_at: number;
  };
  order_returns: {
    id: string;
    order_id: string;
    user_id: string;
    status: string;
    body: string;
    version: number;
    created_at: number;
    updated_at: number;
  };
}

export type OrdersDb = Kysely<OrdersSchema>;
export type SqlDialectName = 'sqlite' | 'postgres';

const ordersTables: Migration = {
  async up(db) {
    await db.schema
      .createTable('orders')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('saga', 'text', (c) => c.notNull())
      .addColumn('saga_open', 'integer', (c) => c.notNull())
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'bigint', (c) => c.notNull())
      .addColumn('idempotency_key', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('orders_by_user').on('orders').columns(['user_id', 'id']).execute();
    await db.schema
      .createIndex('orders_open_sagas')
      .on('orders')
      .columns(['saga_open', 'lease_until'])
      .execute();
    await db.schema
      .createTable('idempotency_keys')
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('order_id', 'text', (c) => c.notNull())
      .addColumn('response_status', 'integer')
      .addColumn('response_body', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'key'])
      .execute();
    await db.schema
      .createTable('order_returns')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('order_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('order_returns_by_order')
      .on('order_returns')
      .columns(['order_id', 'id'])
      .execute();
  },
};

/** Answered keys are forgotten oldest first (ADR 0031): the sweep reads them by age. */
const idempotencyKeysByAge: Migration = {
  async up(db) {
    await db.schema
      .createIndex('idempotency_keys_by_age')
      .on('idempotency_keys')
      .column('created_at')
      .execute();
  },
};

/** The kit's outbox, then the orders tables. */
export function ordersMigrations(dialect: SqlDialectName): Record<string, Migration> {
  const outbox: Record<string, Migration> =
    dialect === 'postgres'
      ? { '0001_outbox': postgresOutboxMigration }
      : { '0001_outbox': outboxMigration, '0002_outbox_lease': outboxLeaseMigration };
  return {
    ...outbox,
    '0010_orders': ordersTables,
    '0011_idempotency_keys_by_age': idempotencyKeysByAge,
  };
}

/** A unique-key violation, as either engine reports it. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if ((error as Error & { code?: string }).code === '23505') return true;
  return /UNIQUE constraint failed|PRIMARY KEY/i.test(error.message);
}
