import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { sql, type Transaction } from 'kysely';

/** How one write of a group came out: its value, or the error that rolled back its savepoint. */
export type WriteOutcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * How long a group stays open for more writes once its first one arrives.
 * - `turn`: one turn of the event loop (`setImmediate`): the writes of requests whose bytes
 *   are already read join it.
 * - `settle`: up to `maxTurns` turns while writes keep arriving; a turn with no newcomer
 *   commits at once. A busy store syncs once for many writes without waiting on a timer.
 * - `timer`: `ms` milliseconds (a timer waits ≥ 1 ms), gathering the requests that arrive
 *   while the previous group syncs.
 * - `microtask`: no wait for the event loop: a group starts once the code that queued its
 *   first write yields (a microtask), and what arrives while it is being written forms the
 *   next. A write is durable as soon as without grouping; those queued by one synchronous
 *   run, or while a group is written, share its sync.
 */
export type GroupGathering =
  | { kind: 'turn' }
  | { kind: 'settle'; maxTurns: number }
  | { kind: 'timer'; ms: number }
  | { kind: 'microtask' };

export interface GroupCommitOptions<W> {
  /**
   * Writes one group in one transaction and returns one outcome per write, in order, once the
   * transaction committed. Throwing (or rejecting) means the transaction failed as a whole:
   * every write of the group then fails with that error.
   */
  commit(group: readonly W[]): WriteOutcome[] | Promise<WriteOutcome[]>;
  gather: GroupGathering;
  /** Writes committed together at most; a longer queue takes several transactions. */
  maxGroup?: number;
}

interface Queued<W> {
  write: W;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

const DEFAULT_MAX_GROUP = 256;

/**
 * Group commit for a single-writer store that syncs every commit to disk (SQLite with
 * synchronous=FULL): writes that arrive while a group is open or being written queue up and
 * commit together, so one disk sync serves many callers. Writes keep their arrival order,
 * groups commit one after another, and a caller's promise settles only after the COMMIT of
 * its group: with its own outcome when the transaction committed (a write that failed in
 * its savepoint fails alone), with the transaction's error when the whole group failed.
 */
export class GroupCommit<W> {
  private readonly options: GroupCommitOptions<W>;
  private readonly maxGroup: number;
  private queue: Queued<W>[] = [];
  private flushing = false;

  constructor(options: GroupCommitOptions<W>) {
    this.options = options;
    this.maxGroup = options.maxGroup ?? DEFAULT_MAX_GROUP;
  }

  /** Queues `write`; settles with its outcome after its group's transaction ends. */
  submit<T>(write: W): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (this.flushing) return;
      this.flushing = true;
      const gather = this.options.gather;
      if (gather.kind === 'microtask') queueMicrotask(() => void this.flush());
      else if (gather.kind === 'timer' && gather.ms > 0)
        setTimeout(() => void this.flush(), gather.ms);
      else if (gather.kind === 'settle')
        this.flushWhenSettled(gather.maxTurns, this.queue.length, 0);
      else setImmediate(() => void this.flush());
    });
  }

  /**
   * Commits once a whole turn of the event loop (its I/O included) brought no new write, or
   * after `maxTurns` turns. The first check runs before the loop polls I/O again, so it
   * always waits one more turn: requests whose bytes are already in join this group.
   */
  private flushWhenSettled(maxTurns: number, seen: number, turns: number): void {
    setImmediate(() => {
      const grew = turns === 0 || this.queue.length > seen;
      if (grew && turns + 1 < maxTurns && this.queue.length < this.maxGroup)
        return this.flushWhenSettled(maxTurns, this.queue.length, turns + 1);
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, this.maxGroup);
        let outcomes: WriteOutcome[];
        try {
          outcomes = await this.options.commit(group.map((queued) => queued.write));
          if (outcomes.length !== group.length)
            throw new Error(`group commit: ${outcomes.length} outcomes for ${group.length} writes`);
        } catch (error) {
          for (const queued of group) queued.reject(error);
          continue;
        }
        group.forEach((queued, i) => {
          const outcome = outcomes[i]!;
          if (outcome.ok) queued.resolve(outcome.value);
          else queued.reject(outcome.error);
        });
      }
    } finally {
      this.flushing = false;
    }
  }
}

/**
 * One `BEGIN IMMEDIATE` transaction on a node:sqlite handle whose writes each run in their
 * own savepoint, synchronously: nothing is awaited between a write's reads and its writes,
 * and a write that throws rolls back alone. The statements are prepared once.
 */
export class SqliteGroupTransaction {
  private readonly raw: DatabaseSync;
  private readonly begin: StatementSync;
  private readonly commit: StatementSync;
  private readonly rollback: StatementSync;
  private readonly savepoint: StatementSync;
  private readonly release: StatementSync;
  private readonly rollbackTo: StatementSync;

  constructor(raw: DatabaseSync) {
    this.raw = raw;
    this.begin = raw.prepare('BEGIN IMMEDIATE');
    this.commit = raw.prepare('COMMIT');
    this.rollback = raw.prepare('ROLLBACK');
    this.savepoint = raw.prepare('SAVEPOINT grouped_write');
    this.release = raw.prepare('RELEASE grouped_write');
    this.rollbackTo = raw.prepare('ROLLBACK TO grouped_write');
  }

  /** Runs `apply` for each write in its savepoint and commits; throws if the transaction fails. */
  run<W>(group: readonly W[], apply: (write: W) => unknown): WriteOutcome[] {
    const outcomes: WriteOutcome[] = [];
    this.begin.run();
    try {
      for (const write of group) {
        this.savepoint.run();
        try {
          const value = apply(write);
          this.release.run();
          outcomes.push({ ok: true, value });
        } catch (error) {
          this.rollbackTo.run();
          this.release.run();
          outcomes.push({ ok: false, error });
        }
      }
      this.commit.run();
    } catch (error) {
      if (this.raw.isTransaction) this.rollback.run();
      throw error;
    }
    return outcomes;
  }
}

/**
 * The same through Kysely, inside a transaction the caller opened (its commit is the
 * group's): each write runs in its own savepoint, and one that fails rolls back alone.
 */
export async function runInSavepoints<DB, W>(
  trx: Transaction<DB>,
  group: readonly W[],
  apply: (write: W) => Promise<unknown>,
): Promise<WriteOutcome[]> {
  const outcomes: WriteOutcome[] = [];
  for (const write of group) {
    await sql`savepoint grouped_write`.execute(trx);
    try {
      const value = await apply(write);
      await sql`release savepoint grouped_write`.execute(trx);
      outcomes.push({ ok: true, value });
    } catch (error) {
      await sql`rollback to savepoint grouped_write`.execute(trx);
      await sql`release savepoint grouped_write`.execute(trx);
      outcomes.push({ ok: false, error });
    }
  }
  return outcomes;
}
