import { join } from 'node:path';
import type { Clock } from '@emporium/kit';
import type { PricingConfig } from '../config.ts';
import type { PricingStorage } from './storage/pricing-storage.ts';
import { openSqliteStorage } from './storage/sqlite/open-sqlite-storage.ts';

/** The storage `PRICING_STORE` names; the PostgreSQL adapter (and `pg`) load only when chosen. */
export async function selectStorage(
  config: PricingConfig,
  wiring: { clock: Clock; onCommit(): void },
): Promise<PricingStorage> {
  if (config.PRICING_STORE === 'postgres') {
    const { openPostgresStorage } = await import('./storage/postgres/open-postgres-storage.ts');
    return openPostgresStorage(config.PRICING_DATABASE_URL, wiring);
  }
  const path = config.PRICING_DB_PATH || join(config.DATA_DIR, 'pricing.sqlite');
  return openSqliteStorage(path, wiring);
}
