import { join } from 'node:path';
import type { AccountsConfig } from '../config.ts';
import type { AccountsStorage } from './storage/accounts-stores.ts';
import { openSqliteStores } from './storage/sqlite/open-sqlite-stores.ts';

/** The stores `ACCOUNTS_STORE` names; the PostgreSQL adapter (and `pg`) load only when chosen. */
export async function selectStores(config: AccountsConfig): Promise<AccountsStorage> {
  if (config.ACCOUNTS_STORE === 'postgres') {
    const { openPostgresStores } = await import('./storage/postgres/open-postgres-stores.ts');
    return openPostgresStores(config.ACCOUNTS_DATABASE_URL);
  }
  return openSqliteStores(config.ACCOUNTS_DB_PATH || join(config.DATA_DIR, 'accounts.sqlite'));
}
