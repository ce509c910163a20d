import { sql, type Kysely, type Transaction } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { CloudEvent } from '../../events/cloud-event.ts';
import {
  defaultOutboxRetentionMs,
  type ClaimRequest,
  type OutboxEntry,
  type OutboxStore,
  type PendingEvent,
} from '../../events/outbox.ts';
import type { OutboxSchema } from './outbox-table.ts';

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
  private readonly clock: Clock;
  private readonly retentionMs: number;
  private readonly serializeClaim: SqlOutboxStoreOptions['serializeClaim'];

  constructor(options: SqlOutboxStoreOptions) {
    this.db = options.db;
    this.clock = options.clock;
    this.retentionMs = options.retentionMs ?? defaultOutboxRetentionMs;
    this.serializeClaim = options.serializeClaim;
  }

  async claim({ owner, limit, leaseMs }: ClaimRequest): Promise<PendingEvent[]> {
    const now = this.clock.now();
    const rows = this.serializeClaim
      ? await this.db.transaction().execute(async (trx) => {
          await this.serializeClaim!(trx);
          return this.claimStatement(trx, owner, limit, now + leaseMs, now).execute();
        })
      : await this.claimStatement(this.db, owner, limit, now + leaseMs, now).execute();
    return rows
      .sort((a, b) => Number(a.seq) - Number(b.seq))
      .map((row) => ({ id: String(row.seq), event: JSON.parse(row.envelope) as CloudEvent }));
  }

  /** One UPDATE … WHERE seq IN (claimable) RETURNING: atomic on its own in SQLite. */
  private claimStatement(
    db: Kysely<OutboxSchema>,
    owner: string,
    limit: number,
    leaseUntil: number,
    now: number,
  ) {
    return db
      .updateTable('outbox')
      .set({ status: 'in_progress', lease_owner: owner, lease_until: leaseUntil })
      .where('seq', 'in', (eb) =>
        eb
          .selectFrom('outbox as o')
          .select('o.seq')
          .where((w) =>
            w.or([
              w('o.status', 'in', ['pending', 'failed']),
              w.and([w('o.status', '=', 'in_progress'), w('o.lease_until', '<=', now)]),
              // Its own rows come back (a mark that failed), the relay being single-flight.
              w.and([w('o.status', '=', 'in_progress'), w('o.lease_owner', '=', owner)]),
            ]),
          )
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
          .limit(limit),
      )
      .returning(['seq', 'envelope']);
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
    await this.db
      .deleteFrom('outbox')
      .where('status', '=', 'published')
      .where('published_at', '<', now - this.retentionMs)
      .execute();
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

/** The outbox in a service's SQLite database (migrations: `outboxMigration`, `outboxLeaseMigration`). */
export class SqliteOutboxStore extends SqlOutboxStore {
  constructor(db: Kysely<OutboxSchema>, clock: Clock, retentionMs?: number) {
    super({ db, clock, retentionMs });
  }
}
