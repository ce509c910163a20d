import { sql } from 'kysely';
import { PostgresOutboxStore, openPostgres } from '@emporium/kit/postgres';
import type { Clock } from '@emporium/kit';
import { ordersMigrations, type OrdersSchema } from '../sql/schema.ts';
import { SqlOrderStore } from '../sql/sql-order-store.ts';
import type { OrdersStorage } from '../open-storage.ts';

const DUPLICATE_DATABASE = '42P04';

/**
 * Distributed mode: the orders service's own PostgreSQL database (RDS on AWS), created
 * when missing. Loaded only when configured, so `pg` stays out of embedded mode.
 */
export async function openPostgresStorage(
  url: string,
  { clock, onCommit }: { clock: Clock; onCommit(): void },
): Promise<OrdersStorage> {
  await ensureDatabase(url);
  const handle = await openPostgres<OrdersSchema>({
    url,
    migrations: ordersMigrations('postgres'),
  });
  return {
    orders: new SqlOrderStore({ db: handle.db, onCommit, close: async () => undefined }),
    outbox: new PostgresOutboxStore(handle.db, clock),
    engine: 'postgres',
    ready: handle.ready,
    close: handle.close,
  };
}

/** Creates the database `url` names when missing (two replicas racing both succeed). */
async function ensureDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[A-Za-z0-9_]{1,63}$/.test(name)) throw new Error(`Unsupported database name "${name}"`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const handle = await openPostgres<Record<string, never>>({
    url: admin.toString(),
    pool: { max: 1 },
  });
  try {
    const found = await sql`select 1 from pg_database where datname = ${name}`.execute(handle.db);
    if (found.rows.length === 0) await sql.raw(`create database "${name}"`).execute(handle.db);
  } catch (error) {
    if ((error as { code?: string }).code !== DUPLICATE_DATABASE) throw error;
  } finally {
    await handle.close();
  }
}
