import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { Kysely, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import type { Migration } from 'kysely/migration';
import { migrateToLatest } from './migrate.ts';

export interface SqliteHandle<DB> {
  db: Kysely<DB>;
  raw: DatabaseSync;
  close(): Promise<void>;
}

export interface OpenSqliteOptions {
  /** A file path, or `:memory:` for tests. */
  path: string;
  migrations?: Record<string, Migration>;
}

/**
 * Opens a SQLite database through Node's built-in driver (no native addon to build)
 * behind Kysely, tuned for a service: WAL so readers never wait on the writer, FULL
 * sync so an acknowledged write survives a crash, and a statement cache because
 * Kysely prepares every query it runs.
 */
export async function openSqlite<DB>(options: OpenSqliteOptions): Promise<SqliteHandle<DB>> {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const raw = new DatabaseSync(options.path);
  raw.exec('PRAGMA journal_mode = WAL');
  raw.exec('PRAGMA synchronous = FULL');
  raw.exec('PRAGMA foreign_keys = ON');
  raw.exec('PRAGMA busy_timeout = 5000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: cachingAdapter(raw) }) });
  if (options.migrations) await migrateToLatest(db, options.migrations);
  return {
    db,
    raw,
    close: async () => {
      await db.destroy();
    },
  };
}

const STATEMENT_CACHE_SIZE = 500;

function cachingAdapter(raw: DatabaseSync): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => raw.close(),
    prepare(sql) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = adaptStatement(raw.prepare(sql));
        if (statements.size >= STATEMENT_CACHE_SIZE)
          statements.delete(statements.keys().next().value!);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

type Parameter = null | number | bigint | string | Uint8Array;

function adaptStatement(statement: StatementSync): SqliteStatement {
  const reader = statement.columns().length > 0;
  return {
    reader,
    all: (parameters) => statement.all(...(parameters as Parameter[])),
    run: (parameters) => statement.run(...(parameters as Parameter[])),
    iterate: (parameters) =>
      statement.iterate(...(parameters as Parameter[])) as IterableIterator<unknown>,
  };
}
