import { SqliteOutboxStore, openSqlite, type Clock, type OutboxStore } from '@emporium/kit';
import type { OrderStore } from '../../app/ports/order-store.ts';
import { ordersMigrations, type OrdersSchema } from './sql/schema.ts';
import { SqlOrderStore } from './sql/sql-order-store.ts';

/** The orders database: the order store, its outbox, a readiness probe. */
export interface OrdersStorage {
  orders: OrderStore;
  outbox: OutboxStore;
  engine: 'sqlite' | 'postgres';
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** Embedded mode: one SQLite file (or `:memory:`). */
export async function openSqliteStorage(
  path: string,
  { clock, onCommit }: { clock: Clock; onCommit(): void },
): Promise<OrdersStorage> {
  const handle = await openSqlite<OrdersSchema>({ path, migrations: ordersMigrations('sqlite') });
  return {
    orders: new SqlOrderStore({
      db: handle.db,
      onCommit,
      close: async () => undefined,
      // One writer that syncs every commit: concurrent sagas' steps share commits.
      groupCommit: true,
    }),
    outbox: new SqliteOutboxStore(handle, clock),
    engine: 'sqlite',
    ready: async () => void handle.raw.prepare('SELECT 1').get(),
    close: handle.close,
  };
}
