import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { GroupCommit, SqliteGroupTransaction, openSqlite, type SqliteHandle } from '@emporium/kit';
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
 * answer per idempotency key, and its authorizations.
 */
export interface TestProviderLedger {
  /**
   * The answer kept for the call's key, or else the call's decision, recorded with the
   * authorization it created or changed before the promise settles. A call's read, decision
   * and record never interleave with another's; a decision that throws records nothing.
   */
  once<T>(call: LedgerCall<T>): Promise<T>;
  authorization(id: string): AuthorizationState | undefined;
  /** Drops the answers given before `cutoff` (housekeeping; `once` ignores them anyway). */
  sweep(cutoff: number): void;
  close(): Promise<void>;
}

/** An authorization as a call created or changed it. */
export interface AuthorizationChange {
  id: string;
  state: AuthorizationState;
}

/** A call's answer and the authorization it created or changed, recorded together. */
export interface Decision<T> {
  answer: T;
  authorization?: AuthorizationChange;
}

export interface LedgerCall<T> {
  key: string;
  /** An answer given before this time is too old to replay. */
  notBefore: number;
  at: number;
  /** Runs only when no answer is kept for the key; it may read `authorization`. */
  decide(): Decision<T>;
}

/** In memory (tests): bounded, since it lives as long as the process. */
export class MemoryTestProviderLedger implements TestProviderLedger {
  private readonly answers = new Map<string, { answer: unknown; at: number }>();
  private readonly authorizations = new Map<string, AuthorizationState>();
  private readonly maxAuthorizations: number;

  constructor(maxAuthorizations = 100_000) {
    this.maxAuthorizations = maxAuthorizations;
  }

  /** Synchronous up to its answer, so calls never interleave. */
  async once<T>({ key, notBefore, at, decide }: LedgerCall<T>): Promise<T> {
    const kept = this.answers.get(key);
    if (kept && kept.at >= notBefore) return kept.answer as T;
    const decision = decide();
    this.record(key, at, decision);
    return decision.answer;
  }

  authorization(id: string): AuthorizationState | undefined {
    const found = this.authorizations.get(id);
    return found && { ...found };
  }

  private record(key: string, at: number, { answer, authorization }: Decision<unknown>): void {
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
 * for its key, never a second one left unvoided. Calls of one turn of the event loop commit
 * together (the kit's group commit, each in its savepoint), and each is answered only
 * after its durable commit.
 */
export class SqliteTestProviderLedger implements TestProviderLedger {
  private readonly handle: SqliteHandle<unknown>;
  private readonly statements: ReturnType<typeof prepare>;
  private readonly calls: GroupCommit<LedgerCall<unknown>>;

  private constructor(handle: SqliteHandle<unknown>) {
    this.handle = handle;
    this.statements = prepare(handle.raw);
    const transaction = new SqliteGroupTransaction(handle.raw);
    this.calls = new GroupCommit<LedgerCall<unknown>>({
      gather: { kind: 'turn' },
      commit: (group) => transaction.run(group, (call) => this.apply(call)),
    });
  }

  static async open(path: string): Promise<SqliteTestProviderLedger> {
    const handle = await openSqlite<unknown>({
      path,
      migrations: { '0001_test_payments': ledgerTables },
    });
    return new SqliteTestProviderLedger(handle);
  }

  once<T>(call: LedgerCall<T>): Promise<T> {
    return this.calls.submit<T>(call);
  }

  authorization(id: string): AuthorizationState | undefined {
    const row = this.statements.authorization.get(id) as { state: string } | undefined;
    return row ? (JSON.parse(row.state) as AuthorizationState) : undefined;
  }

  /** Inside the group's transaction: an answer is never kept without its authorization. */
  private apply({ key, notBefore, at, decide }: LedgerCall<unknown>): unknown {
    const kept = this.statements.answer.get(key, notBefore) as { answer: string } | undefined;
    if (kept) return JSON.parse(kept.answer);
    const { answer, authorization } = decide();
    this.statements.remember.run(key, JSON.stringify(answer === undefined ? null : answer), at);
    if (authorization)
      this.statements.putAuthorization.run(
        authorization.id,
        JSON.stringify(authorization.state),
        at,
      );
    return answer;
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
