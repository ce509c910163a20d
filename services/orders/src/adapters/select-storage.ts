import { join } from 'node:path';
import type { Clock } from '@emporium/kit';
import type { OrdersConfig } from '../config.ts';
import { openSqliteStorage, type OrdersStorage } from './storage/open-storage.ts';

/** The storage ORDERS_STORE names; the PostgreSQL adapter (and `pg`) load only when chosen. */
export async function selectStorage(
  config: OrdersConfig,
  wiring: { clock: Clock; onCommit(): void },
): Promise<OrdersStorage> {
  if (config.ORDERS_STORE === 'postgres') {
    const { openPostgresStorage } = await import('./storage/postgres/open-postgres-storage.ts');
    return openPostgresStorage(config.ORDERS_DATABASE_URL, wiring);
  }
  return openSqliteStorage(config.ORDERS_DB_PATH || join(config.DATA_DIR, 'orders.sqlite'), wiring);
}
