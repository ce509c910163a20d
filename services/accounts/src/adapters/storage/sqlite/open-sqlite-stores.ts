import { openSqlite } from '@emporium/kit';
import type { AccountsSchema } from '../sql/schema.ts';
import { sqlStores, type AccountsStorage } from '../accounts-stores.ts';
import { accountsMigrations } from './schema.ts';

/** Embedded mode: one SQLite file (or `:memory:`). */
export async function openSqliteStores(path: string): Promise<AccountsStorage> {
  const handle = await openSqlite<AccountsSchema>({ path, migrations: accountsMigrations });
  return sqlStores(
    { db: handle.db, dialect: 'sqlite' },
    {
      ready: async () => void handle.raw.prepare('SELECT 1').get(),
      close: handle.close,
    },
  );
}
