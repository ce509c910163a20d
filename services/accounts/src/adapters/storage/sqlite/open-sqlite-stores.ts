import { openSqlite } from '@emporium/kit';
import type { AccountsSchema } from '../sql/schema.ts';
import { sqlStores, type AccountsStorage } from '../accounts-stores.ts';
import { accountsMigrations } from './schema.ts';

/** Embedded mode: one SQLite file (or `:memory:`). */
export async function openSqliteStores(path: string): Promise<AccountsStorage> {
  // It holds password hashes and signing keys: owner-only, with its -wal and -shm.
  const handle = await openSqlite<AccountsSchema>({
    path,
    migrations: accountsMigrations,
    mode: 0o600,
  });
  return sqlStores(
    { db: handle.db, dialect: 'sqlite' },
    {
      ready: async () => void handle.raw.prepare('SELECT 1').get(),
      close: handle.close,
    },
  );
}
