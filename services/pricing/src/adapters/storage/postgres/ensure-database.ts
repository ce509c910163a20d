import { sql } from 'kysely';
import { openPostgres } from '@emporium/kit/postgres';

const DUPLICATE_DATABASE = '42P04';

/**
 * Creates the database `url` names when it does not exist, connected to the server's
 * `postgres` database: pricing owns its database, and `start:distributed` should need
 * no manual step. Two replicas racing both succeed (the loser sees 42P04).
 */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[A-Za-z0-9_]{1,63}$/.test(name)) throw new Error(`Unsupported database name "${name}"`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const handle = await openPostgres<Record<string, never>>({
    url: admin.toString(),
    pool: { max: 1 },
  });
  try {
    const found = await sql`select 1 from pg_database where datname = ${name}`.execute(handle.db);
    if (found.rows.length > 0) return;
    await sql.raw(`create database "${name}"`).execute(handle.db);
  } catch (error) {
    if ((error as { code?: string }).code !== DUPLICATE_DATABASE) throw error;
  } finally {
    await handle.close();
  }
}
