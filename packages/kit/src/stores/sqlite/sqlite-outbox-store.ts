import type { DatabaseSync } from 'node:sqlite';
import type { Clock } from '../../clock.ts';
import { SqliteGroupTransaction } from '../../db/group-commit.ts';
import type { SqliteHandle } from '../../db/sqlite.ts';
import type { CloudEvent } from '../../events/cloud-event.ts';
import type { ClaimRequest, PendingEvent } from '../../events/outbox.ts';
import type { OutboxSchema } from '../sql/outbox-table.ts';
import { SqlOutboxStore } from '../sql/sql-outbox-store.ts';

/** An earlier row of the same aggregate still leased elsewhere must go first. */
const NO_EARLIER_LEASE_ELSEWHERE = `NOT EXISTS (SELECT 1 FROM outbox e
  WHERE e.partition_key = o.partition_key AND e.seq < o.seq AND e.status = 'in_progress'
    AND e.lease_until > :now AND e.lease_owner != :owner)`;

/**
 * One query per kind of claimable row, each read in index order and stopped at the limit:
 * a single query with their OR made SQLite sort every pending row on every claim.
 */
const CLAIMABLE_KINDS = [
  `o.status = 'pending'`,
  `o.status = 'failed'`,
  `o.status = 'in_progress' AND o.lease_until <= :now`,
  // Its own rows come back (a mark that failed), the relay being single-flight.
  `o.status = 'in_progress' AND o.lease_owner = :owner`,
];

function prepareStatements(raw: DatabaseSync) {
  return {
    claimable: CLAIMABLE_KINDS.map((kind) =>
      raw.prepare(
        `SELECT o.seq FROM outbox o WHERE ${kind} AND ${NO_EARLIER_LEASE_ELSEWHERE} ORDER BY o.seq LIMIT :limit`,
      ),
    ),
    // With no row leased, no earlier row can be leased elsewhere: the plain index reads do.
    anyLeased: raw.prepare(`SELECT 1 AS leased FROM outbox WHERE status = 'in_progress' LIMIT 1`),
    unleased: ['pending', 'failed'].map((status) =>
      raw.prepare(`SELECT seq FROM outbox WHERE status = '${status}' ORDER BY seq LIMIT :limit`),
    ),
    lease: raw.prepare(
      `UPDATE outbox SET status = 'in_progress', lease_owner = :owner, lease_until = :until
       WHERE seq IN (SELECT value FROM json_each(:seqs)) RETURNING seq, envelope`,
    ),
    published: raw.prepare(
      `UPDATE outbox SET status = 'published', attempts = attempts + 1, published_at = :now,
         last_error = NULL, lease_owner = NULL, lease_until = NULL
       WHERE seq IN (SELECT value FROM json_each(:seqs)) AND status = 'in_progress' AND lease_owner = :owner`,
    ),
    expired: raw.prepare(
      `DELETE FROM outbox WHERE status = 'published' AND published_at < :before`,
    ),
    oldestPublished: raw.prepare(
      `SELECT min(published_at) AS at FROM outbox WHERE status = 'published'`,
    ),
  };
}

/**
 * The outbox in a service's SQLite database (migrations: `outboxMigration`,
 * `outboxLeaseMigration`). The relay's own bookkeeping (claims, marks, the sweep) runs as
 * prepared statements, synchronously on the connection Kysely lends, and commits without
 * waiting for a disk sync (`synchronous = NORMAL` for that transaction only, ADR 0043):
 * WAL keeps it through a process crash, and the next durable commit on the file syncs it.
 * Losing one to a power cut only brings rows back to be published again, which consumers'
 * inboxes absorb; the events themselves commit with the service's changes, durably.
 */
export class SqliteOutboxStore extends SqlOutboxStore {
  private readonly handle: Pick<SqliteHandle<OutboxSchema>, 'db' | 'raw'>;
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly transaction: SqliteGroupTransaction;
  private sweepAfter = 0;

  constructor(
    handle: Pick<SqliteHandle<OutboxSchema>, 'db' | 'raw'>,
    clock: Clock,
    retentionMs?: number,
  ) {
    super({ db: handle.db, clock, retentionMs });
    this.handle = handle;
    this.statements = prepareStatements(handle.raw);
    this.transaction = new SqliteGroupTransaction(handle.raw);
  }

  override async claim({ owner, limit, leaseMs }: ClaimRequest): Promise<PendingEvent[]> {
    const now = this.clock.now();
    const rows = await this.bookkeeping(() => {
      const seqs = this.claimableRows(owner, limit, now);
      if (seqs.length === 0) return [];
      return this.statements.lease.all({
        owner,
        until: now + leaseMs,
        seqs: JSON.stringify(seqs),
      }) as { seq: number; envelope: string }[];
    });
    return rows
      .sort((a, b) => Number(a.seq) - Number(b.seq))
      .map((row) => ({ id: String(row.seq), event: JSON.parse(row.envelope) as CloudEvent }));
  }

  override async markPublished(owner: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const now = this.clock.now();
    await this.bookkeeping(() => {
      this.statements.published.run({ now, owner, seqs: JSON.stringify(ids.map(Number)) });
      this.removeExpired(now);
    });
  }

  private claimableRows(owner: string, limit: number, now: number): number[] {
    const seqs = new Set<number>();
    const leased = this.statements.anyLeased.get() !== undefined;
    const [statements, parameters] = leased
      ? [this.statements.claimable, { owner, now, limit }]
      : [this.statements.unleased, { limit }];
    for (const statement of statements) {
      for (const row of statement.all(parameters) as { seq: number }[]) seqs.add(Number(row.seq));
    }
    return [...seqs].sort((a, b) => a - b).slice(0, limit);
  }

  /** Deletes published rows past the retention, scanning only once the oldest can have expired. */
  private removeExpired(now: number): void {
    if (now < this.sweepAfter) return;
    this.statements.expired.run({ before: now - this.retentionMs });
    const oldest = this.statements.oldestPublished.get() as { at: number | null } | undefined;
    // Rows published from now on are at least as recent as `now`.
    this.sweepAfter = Number(oldest?.at ?? now) + this.retentionMs;
  }

  /**
   * Runs `work` in one transaction that commits without a sync of its own, on the lent
   * connection and without awaiting, so no other write can run (or commit) meanwhile at the
   * relaxed level; the level is restored before anything else runs.
   */
  private bookkeeping<T>(work: () => T): Promise<T> {
    return this.handle.db.connection().execute(async () => {
      const { raw } = this.handle;
      if (raw.isTransaction) throw new Error('outbox bookkeeping inside an open transaction');
      raw.exec('PRAGMA synchronous = NORMAL');
      try {
        const [outcome] = this.transaction.run([work], (run) => run());
        if (!outcome!.ok) throw outcome!.error;
        return outcome!.value as T;
      } finally {
        raw.exec('PRAGMA synchronous = FULL');
      }
    });
  }
}
