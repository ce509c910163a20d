import { sql, type Kysely, type Transaction } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { CloudEvent } from './cloud-event.ts';
import { topicOf } from './cloud-event.ts';
import type { EventBus } from './event-bus.ts';
import { backoffDelay, defaultRetryPolicy } from './event-bus.ts';

export interface OutboxTable {
  seq: number | null;
  id: string;
  topic: string;
  partition_key: string;
  envelope: string;
  /** NotPublished → Published, or Failed after an attempt that threw (retried). */
  status: 'pending' | 'published' | 'failed';
  attempts: number;
  last_error: string | null;
  created_at: number;
  published_at: number | null;
}

export interface OutboxSchema {
  outbox: OutboxTable;
}

export const outboxMigration: Migration = {
  async up(db) {
    await db.schema
      .createTable('outbox')
      .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('partition_key', 'text', (c) => c.notNull())
      .addColumn('envelope', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .addColumn('published_at', 'integer')
      .execute();
    await db.schema
      .createIndex('outbox_unpublished')
      .on('outbox')
      .columns(['status', 'seq'])
      .execute();
  },
};

/** Appends events inside the caller's transaction, so they commit or vanish with the change. */
export async function appendToOutbox(
  trx: Transaction<OutboxSchema> | Kysely<OutboxSchema>,
  events: CloudEvent[],
  now: number,
): Promise<void> {
  if (events.length === 0) return;
  await trx
    .insertInto('outbox')
    .values(
      events.map((event) => ({
        id: event.id,
        topic: topicOf(event.type),
        partition_key: event.partitionkey,
        envelope: JSON.stringify(event),
        status: 'pending' as const,
        attempts: 0,
        last_error: null,
        created_at: now,
        published_at: null,
      })),
    )
    .execute();
}

/** One committed, unpublished event; `id` is the store's handle for marking it. */
export interface PendingEvent {
  id: string;
  event: CloudEvent;
}

/** Where a service's outbox lives: the same store, and transaction, as its state. */
export interface OutboxStore {
  /** The oldest `limit` unpublished events, in commit order. */
  pending(limit: number): Promise<PendingEvent[]>;
  markPublished(ids: string[]): Promise<void>;
  markFailed(ids: string[], error: string): Promise<void>;
  pendingCount(): Promise<number>;
}

/** The outbox table of a service's SQLite database. Published rows are kept a while for inspection. */
export class SqliteOutboxStore implements OutboxStore {
  private readonly db: Kysely<OutboxSchema>;
  private readonly clock: Clock;
  private readonly retentionMs: number;

  constructor(db: Kysely<OutboxSchema>, clock: Clock, retentionMs = 7 * 24 * 3600_000) {
    this.db = db;
    this.clock = clock;
    this.retentionMs = retentionMs;
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

  async markPublished(ids: string[]): Promise<void> {
    const now = this.clock.now();
    await this.db
      .updateTable('outbox')
      .set({
        status: 'published',
        attempts: sql`attempts + 1`,
        published_at: now,
        last_error: null,
      })
      .where('seq', 'in', ids.map(Number))
      .execute();
    await this.db
      .deleteFrom('outbox')
      .where('status', '=', 'published')
      .where('published_at', '<', now - this.retentionMs)
      .execute();
  }

  async markFailed(ids: string[], error: string): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set({ status: 'failed', attempts: sql`attempts + 1`, last_error: error })
      .where('seq', 'in', ids.map(Number))
      .execute();
  }

  async pendingCount(): Promise<number> {
    const row = await this.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('status', '!=', 'published')
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }
}

export interface OutboxRelayOptions {
  store: OutboxStore;
  bus: EventBus;
  logger: Logger;
  batchSize?: number;
  /** Safety net: the relay also wakes on `notify()` right after each commit. */
  pollIntervalMs?: number;
}

/**
 * Moves committed outbox events to the bus in commit order. A crash after publishing
 * but before marking them published republishes them on the next start: consumers'
 * inboxes absorb the duplicate.
 */
export class OutboxRelay {
  private readonly options: Required<OutboxRelayOptions>;
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private failures = 0;

  constructor(options: OutboxRelayOptions) {
    this.options = { batchSize: 100, pollIntervalMs: 1_000, ...options };
  }

  start(): void {
    this.stopped = false;
    this.notify();
  }

  /** Asks for a pass now; cheap to call after every commit. */
  notify(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = undefined;
      this.schedule();
    });
  }

  pending(): Promise<number> {
    return this.options.store.pendingCount();
  }

  /** Publishes everything committed so far, then stops (graceful shutdown). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    await this.running;
    await this.publishAll().catch((error: unknown) =>
      this.options.logger.warn({ err: error }, 'outbox flush failed'),
    );
    this.stopped = true;
    clearTimeout(this.timer);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    if (this.again) {
      this.again = false;
      this.notify();
      return;
    }
    const delay =
      this.failures > 0
        ? backoffDelay(this.failures, defaultRetryPolicy)
        : this.options.pollIntervalMs;
    this.timer = setTimeout(() => this.notify(), delay);
    this.timer.unref();
  }

  private async loop(): Promise<void> {
    try {
      await this.publishAll();
      this.failures = 0;
    } catch (error) {
      this.failures += 1;
      this.options.logger.warn(
        { err: error, failures: this.failures },
        'outbox relay could not publish; will retry',
      );
    }
  }

  private async publishAll(): Promise<void> {
    const { store, bus, batchSize } = this.options;
    for (;;) {
      const batch = await store.pending(batchSize);
      if (batch.length === 0) return;
      const ids = batch.map((entry) => entry.id);
      try {
        await bus.publish(batch.map((entry) => entry.event));
      } catch (error) {
        await store.markFailed(ids, String(error));
        throw error;
      }
      await store.markPublished(ids);
      if (batch.length < batchSize) return;
    }
  }
}
