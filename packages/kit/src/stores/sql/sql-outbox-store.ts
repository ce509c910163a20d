import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type SqlBool,
  type Transaction,
} from 'kysely';
import type { Clock } from '../../clock.ts';
import type { CloudEvent } from '../../events/cloud-event.ts';
import {
  defaultOutboxRetentionMs,
  type ClaimRequest,
  type OutboxEntry,
  type OutboxStore,
  type PendingEvent,
} from '../../events/outbox.ts';
import type { OutboxSchema, OutboxTable } from './outbox-table.ts';

export interface SqlOutboxStoreOptions {
  db: Kysely<OutboxSchema>;
  clock: Clock;
  retentionMs?: number;
  /**
   * Runs first in the claim's transaction to keep concurrent claims apart. SQLite needs
   * none (the claim is one statement, and one connection serves the process); PostgreSQL takes an advisory lock, since
   * under READ COMMITTED two claims could otherwise read the same free rows.
   */
  serializeClaim?: (trx: Transaction<OutboxSchema>) => Promise<void>;
}

/** The outbox table of a service's SQL database (SQLite or PostgreSQL, through Kysely). */
export class SqlOutboxStore implements OutboxStore {
  private readonly db: Kysely<OutboxSchema>;
  protected readonly clock: Clock;
  protected readonly retentionMs: number;
  private readonly serializeClaim: SqlOutboxStoreOptions['serializeClaim'];
  /** When the oldest published row left by the last sweep passes the retention. */
  private nextSweepAt = 0;

  constructor(options: SqlOutboxStoreOptions) {
    this.db = options.db;
    this.clock = options.clock;
    this.retentionMs = options.retentionMs ?? defaultOutboxRetentionMs;
    this.serializeClaim = options.serializeClaim;
  }

  async claim({ owner, limit, leaseMs }: ClaimRequest): Promise<PendingEvent[]> {
    const now = this.clock.now();
    const rows = await this.db.transaction().execute(async (trx) => {
      await this.serializeClaim?.(trx);
      const seqs = await this.claimableSeqs(trx, owner, limit, now);
      if (seqs.length === 0) return [];
      return trx
        .updateTable('outbox')
        .set({ status: 'in_progress', lease_owner: owner, lease_until: now + leaseMs })
        .where('seq', 'in', seqs)
        .returning(['seq', 'envelope'])
        .execute();
    });
    return rows
      .sort((a, b) => Number(a.seq) - Number(b.seq))
      .map((row) => ({ id: String(row.seq), event: JSON.parse(row.envelope) as CloudEvent }));
  }

  /**
   * The first `limit` claimable rows in commit order. One query per kind of claimable row,
   * each read in index order and stopped at `limit`: a single query with their OR made
   * SQLite sort every pending row on every claim, quadratic in a 50,000-row backlog.
   */
  private async claimableSeqs(
    trx: Transaction<OutboxSchema>,
    owner: string,
    limit: number,
    now: number,
  ): Promise<number[]> {
    const kinds: Array<
      (w: ExpressionBuilder<OutboxSchema & { o: OutboxTable }, 'o'>) => Expression<SqlBool>
    > = [
      (w) => w('o.status', '=', 'pending'),
      (w) => w('o.status', '=', 'failed'),
      (w) => w.and([w('o.status', '=', 'in_progress'), w('o.lease_until', '<=', now)]),
      // Its own rows come back (a mark that failed), the relay being single-flight.
      (w) => w.and([w('o.status', '=', 'in_progress'), w('o.lease_owner', '=', owner)]),
    ];
    const seqs = new Set<number>();
    for (const kind of kinds) {
      const rows = await trx
        .selectFrom('outbox as o')
        .select('o.seq')
        .where(kind)
        // An earlier row of the same aggregate still leased elsewhere must go first.
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('outbox as e')
                .select(sql.lit(1).as('one'))
                .whereRef('e.partition_key', '=', 'o.partition_key')
                .whereRef('e.seq', '<', 'o.seq')
                .where('e.status', '=', 'in_progress')
                .where('e.lease_until', '>', now)
                .where('e.lease_owner', '!=', owner),
            ),
          ),
        )
        .orderBy('o.seq')
        .limit(limit)
        .execute();
      for (const row of rows) seqs.add(Number(row.seq));
    }
    return [...seqs].sort((a, b) => a - b).slice(0, limit);
  }

  async markPublished(owner: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const now = this.clock.now();
    await this.db
      .updateTable('outbox')
      .set({
        status: 'published',
        attempts: sql`attempts + 1`,
        published_at: now,
        last_error: null,
        lease_owner: null,
        lease_until: null,
      })
      .where('seq', 'in', ids.map(Number))
      .where('status', '=', 'in_progress')
      .where('lease_owner', '=', owner)
      .execute();
    await this.sweep(now);
  }

  /**
   * Deletes published rows past the retention. The delete reads every published row, so
   * it runs only once the oldest one left can have expired: a burst of 50,000 events no
   * longer pays a scan of the rows it just published on every batch.
   */
  private async sweep(now: number): Promise<void> {
    if (now < this.nextSweepAt) return;
    await this.db
      .deleteFrom('outbox')
      .where('status', '=', 'published')
      .where('published_at', '<', now - this.retentionMs)
      .execute();
    const oldest = await this.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.min('published_at').as('at'))
      .where('status', '=', 'published')
      .executeTakeFirst();
    // Rows published from now on are at least as recent as `now`.
    this.nextSweepAt = Number(oldest?.at ?? now) + this.retentionMs;
  }

  async markFailed(owner: string, ids: string[], error: string): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable('outbox')
      .set({
        status: 'failed',
        attempts: sql`attempts + 1`,
        last_error: error,
        lease_owner: null,
        lease_until: null,
      })
      .where('seq', 'in', ids.map(Number))
      .where('status', '=', 'in_progress')
      .where('lease_owner', '=', owner)
      .execute();
  }

  async pending(limit: number): Promise<PendingEvent[]> {
    const rows = await this.db
      .selectFrom('outbox')
      .select(['seq', 'envelope'])
      .where('status', '!=', 'published')
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: String(row.seq),
      event: JSON.parse(row.envelope) as CloudEvent,
    }));
  }

  async pendingCount(): Promise<number> {
    const row = await this.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('status', '!=', 'published')
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async find(eventId: string): Promise<OutboxEntry | undefined> {
    const row = await this.db
      .selectFrom('outbox')
      .selectAll()
      .where('id', '=', eventId)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      id: String(row.seq),
      eventId: row.id,
      status: row.status,
      attempts: Number(row.attempts),
      lastError: row.last_error,
      leaseOwner: row.lease_owner,
      leaseUntil: row.lease_until === null ? null : Number(row.lease_until),
    };
  }
}
