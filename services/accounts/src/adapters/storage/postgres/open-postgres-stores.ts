import { openPostgres } from '@emporium/kit/postgres';
import type { AccountsSchema } from '../sql/schema.ts';
import { sqlStores, type AccountsStorage } from '../accounts-stores.ts';
import { postgresAccountsMigrations } from './migrations.ts';

/** Distributed mode: PostgreSQL (RDS on AWS). Loaded only when configured, so `pg` stays out of embedded mode. */
export async function openPostgresStores(url: string): Promise<AccountsStorage> {
  const handle = await openPostgres<AccountsSchema>({
    url,
    migrations: postgresAccountsMigrations,
  });
  return sqlStores({ db: handle.db, dialect: 'postgres' }, handle);
}
