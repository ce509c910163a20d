import { SqliteOutboxStore, openSqlite, type Clock } from '@emporium/kit';
import type { PricingSchema } from '../sql/schema.ts';
import { pricingMigrations } from '../sql/migrations/index.ts';
import { sqlStorage, type PricingStorage } from '../pricing-storage.ts';

/** Embedded mode: one SQLite file (or `:memory:`). */
export async function openSqliteStorage(
  path: string,
  { clock, onCommit }: { clock: Clock; onCommit(): void },
): Promise<PricingStorage> {
  const handle = await openSqlite<PricingSchema>({ path, migrations: pricingMigrations('sqlite') });
  return sqlStorage(
    { db: handle.db, dialect: 'sqlite', lockPrice: async () => undefined, onCommit, clock },
    {
      outbox: new SqliteOutboxStore(handle, clock),
      ready: async () => void handle.raw.prepare('SELECT 1').get(),
      close: handle.close,
    },
  );
}
