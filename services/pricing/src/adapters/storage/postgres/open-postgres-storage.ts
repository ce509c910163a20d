import { sql } from 'kysely';
import { PostgresOutboxStore, openPostgres } from '@emporium/kit/postgres';
import type { Clock } from '@emporium/kit';
import type { PricingSchema } from '../sql/schema.ts';
import { pricingMigrations } from '../sql/migrations/index.ts';
import { sqlStorage, type PricingStorage } from '../pricing-storage.ts';
import { ensureDatabase } from './ensure-database.ts';

/**
 * Distributed mode: pricing's own PostgreSQL database (RDS on AWS), created when missing.
 * Loaded only when configured, so `pg` stays out of embedded mode.
 */
export async function openPostgresStorage(
  url: string,
  { clock, onCommit }: { clock: Clock; onCommit(): void },
): Promise<PricingStorage> {
  await ensureDatabase(url);
  const handle = await openPostgres<PricingSchema>({
    url,
    migrations: pricingMigrations('postgres'),
  });
  return sqlStorage(
    {
      db: handle.db,
      dialect: 'postgres',
      // One lock per (sku, currency), held to the end of the transaction.
      lockPrice: async (trx, sku, currency) => {
        await sql`select pg_advisory_xact_lock(hashtext(${`price:${sku}:${currency}`}))`.execute(
          trx,
        );
      },
      onCommit,
      clock,
    },
    { outbox: new PostgresOutboxStore(handle.db, clock), ready: handle.ready, close: handle.close },
  );
}
