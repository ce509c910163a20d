import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { openSqlite, type SqliteHandle } from '@emporium/kit';
import { sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/** What the test provider holds about one authorization. */
export interface AuthorizationState {
  amount: number;
  captured: number;
  refunded: number;
  voided: boolean;
}

/**
 * Where the built-in test provider keeps what a real provider keeps on its side: the first
 * answer per idempotency key, and its authorizations. Synchronous, so a call's read and
 * write never interleave with another's.
 */
export interface TestProviderLedger {
  /** The answer given for `key` at or after `notBefore`, if any (`value` may be empty). */
  answer(key: string, notBefore: number): { value: unknown } | undefined;
  authorization(id: string): AuthorizationState | undefined;
  /** The answer of a call and the authorization it created or changed, together. */
  record(entry: LedgerEntry): void;
  /** Drops the answers given before `cutoff` (housekeeping; `answer` ignores them anyway). */
  sweep(cutoff: number): void;
  close(): Promise<void>;
}

/** An authorization as a call created or changed it. */
export interface AuthorizationChange {
  id: string;
  state: AuthorizationState;
}

export interface LedgerEntry {
  key: string;
  answer: unknown;
  at: number;
  authorization?: AuthorizationChange;
}

/** In memory (tests): bounded, since it lives as long as the process. */
export class MemoryTestProviderLedger implements TestProviderLedger {
  private readonly answers = new Map<string, { answer: unknown; at: number }>();
  private readonly authorizations = new Map<string, AuthorizationState>();
  private readonly maxAuthorizations: number;

  constructor(maxAuthorizations = 100_000) {
    this.maxAuthorizations = maxAuthorizations;
  }

  answer(key: string, notBefore: number): { value: unknown } | undefined {
    const kept = this.answers.get(key);
    return kept && kept.at >= notBefore ? { value: kept.answer } : undefined;
  }

  authorization(id: string): AuthorizationState | undefined {
    const found = this.authorizations.get(id);
    return found && { ...found };
  }

  record({ key, answer, at, authorization }: LedgerEntry): void {
    // Re-inserted, so the map stays in the order answers were given (oldest first).
    this.answers.delete(key);
    this.answers.set(key, { answer, at });
    if (!authorization) return;
    const { id, state } = authorization;
    if (!this.authorizations.has(id) && this.authorizations.size >= this.maxAuthorizations)
      this.authorizations.delete(this.authorizations.keys().next().value!);
    this.authorizations.set(id, { ...state });
  }

  sweep(cutoff: number): void {
    for (const [key, { at }] of this.answers) {
      if (at >= cutoff) return;
      this.answers.delete(key);
    }
  }

  async close(): Promise<void> {}
}

const ledgerTables: Migration = {
  async up(db) {
    await sql`create table test_payment_answers (
      key text primary key, answer text not null, at integer not null)`.execute(db);
    await sql`create index test_payment_answers_by_age on test_payment_answers (at)`.execute(db);
    await sql`create table test_payment_authorizations (
      id text primary key, state text not null, at integer not null)`.execute(db);
  },
};

/**
 * On disk (`npm start`, the distributed start): the provider stands for a remote service,
 * which does not forget an authorization when orders restarts. A saga resumed after a crash
 * between the provider's answer and the saga's next save then gets the same authorization
 * for its key, never a second one left unvoided. Each write is its own durable commit.
 */
export class SqliteTestProviderLedger implements TestProviderLedger {
  private readonly handle: SqliteHandle<unknown>;
  private readonly statements: ReturnType<typeof prepare>;

  private constructor(handle: SqliteHandle<unknown>) {
    this.handle = handle;
    this.statements = prepare(handle.raw);
  }

  static async open(path: string): Promise<SqliteTestProviderLedger> {
    const handle = await openSqlite<unknown>({
      path,
      migrations: { '0001_test_payments': ledgerTables },
    });
    return new SqliteTestProviderLedger(handle);
  }

  answer(key: string, notBefore: number): { value: unknown } | undefined {
    const row = this.statements.answer.get(key, notBefore) as { answer: string } | undefined;
    return row ? { value: JSON.parse(row.answer) } : undefined;
  }

  authorization(id: string): AuthorizationState | undefined {
    const row = this.statements.authorization.get(id) as { state: string } | undefined;
    return row ? (JSON.parse(row.state) as AuthorizationState) : undefined;
  }

  /** One transaction: an answer is never kept without the authorization it speaks of. */
  record({ key, answer, at, authorization }: LedgerEntry): void {
    const { raw } = this.handle;
    raw.exec('BEGIN IMMEDIATE');
    try {
      this.statements.remember.run(key, JSON.stringify(answer === undefined ? null : answer), at);
      if (authorization)
        this.statements.putAuthorization.run(
          authorization.id,
          JSON.stringify(authorization.state),
          at,
        );
      raw.exec('COMMIT');
    } catch (error) {
      if (raw.isTransaction) raw.exec('ROLLBACK');
      throw error;
    }
  }

  sweep(cutoff: number): void {
    this.statements.forget.run(cutoff);
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

function prepare(
  raw: DatabaseSync,
): Record<'answer' | 'remember' | 'forget' | 'authorization' | 'putAuthorization', StatementSync> {
  return {
    answer: raw.prepare('select answer from test_payment_answers where key = ? and at >= ?'),
    remember: raw.prepare(
      `insert into test_payment_answers (key, answer, at) values (?, ?, ?)
       on conflict (key) do update set answer = excluded.answer, at = excluded.at`,
    ),
    forget: raw.prepare('delete from test_payment_answers where at < ?'),
    authorization: raw.prepare('select state from test_payment_authorizations where id = ?'),
    putAuthorization: raw.prepare(
      `insert into test_payment_authorizations (id, state, at) values (?, ?, ?)
       on conflict (id) do update set state = excluded.state`,
    ),
  };
}
