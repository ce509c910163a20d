import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import pg from 'pg';
import { migrateToLatest } from './migrate.ts';

export interface PostgresHandle<DB> {
  db: Kysely<DB>;
  pool: pg.Pool;
  /** Resolves when the database answers a trivial query; rejects otherwise (readiness). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export interface PostgresPoolOptions {
  /** Upper bound of open connections per process; the server's max_connections is shared. */
  max?: number;
  /** How long a caller waits for a connection before the query fails. */
  connectionTimeoutMs?: number;
  /** How long an unused connection stays open. */
  idleTimeoutMs?: number;
  /** Server-side limit per statement, so one slow query cannot hold a connection forever. */
  statementTimeoutMs?: number;
}

export interface OpenPostgresOptions {
  /** `postgres://user:password@host:port/database` */
  url: string;
  migrations?: Record<string, Migration>;
  pool?: PostgresPoolOptions;
}

const defaultPool: Required<PostgresPoolOptions> = {
  max: 10,
  connectionTimeoutMs: 5_000,
  idleTimeoutMs: 30_000,
  statementTimeoutMs: 30_000,
};

/**
 * Opens PostgreSQL through Kysely's PostgresDialect over a bounded `pg.Pool`, then runs
 * the store's migrations. BIGINT columns come back as numbers: the stores keep epoch
 * milliseconds and sequence numbers in them, both far below 2^53.
 */
export async function openPostgres<DB>(options: OpenPostgresOptions): Promise<PostgresHandle<DB>> {
  const settings = { ...defaultPool, ...options.pool };
  const pool = new pg.Pool({
    connectionString: options.url,
    max: settings.max,
    connectionTimeoutMillis: settings.connectionTimeoutMs,
    idleTimeoutMillis: settings.idleTimeoutMs,
    statement_timeout: settings.statementTimeoutMs,
    types: { getTypeParser: numericInt8Parser },
  });
  // An idle client that loses its server emits 'error' on the pool; without a listener
  // Node would crash the process. The next query gets a fresh connection instead.
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (options.migrations) await migrateToLatest(db, options.migrations);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return {
    db,
    pool,
    ready: async () => {
      await sql`select 1`.execute(db);
    },
    close: async () => {
      await db.destroy();
    },
  };
}

const INT8_OID = 20;

function numericInt8Parser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (oid === INT8_OID) return (value: string) => Number(value);
  return pg.types.getTypeParser(oid, format as 'text');
}
