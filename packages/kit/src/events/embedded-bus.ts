import type { Logger } from 'pino';
import { deadLetterCursor, deadLetterPage, toDeadLetter } from './dead-letter-rows.ts';
import type { Clock } from '../clock.ts';
import { openSqlite, type SqliteHandle } from '../db/sqlite.ts';
import { newId } from '../ids.ts';
import { topicOf, type CloudEvent } from './cloud-event.ts';
import { BusErrors } from './errors.ts';
import {
  backoffDelay,
  defaultRetryPolicy,
  type BusStats,
  type DeadLetter,
  type DeadLetterQuery,
  type EventBus,
  type RetryPolicy,
  type Subscription,
} from './event-bus.ts';
import { embeddedBusMigrations, type EmbeddedBusSchema } from './embedded-bus-schema.ts';

export interface EmbeddedBusOptions {
  /** SQLite file of the bus log, offsets, inbox and dead letters (`:memory:` in unit tests). */
  path: string;
  clock: Clock;
  logger: Logger;
  retry?: RetryPolicy;
  pollIntervalMs?: number;
  batchSize?: number;
}

type DeadLetterRow = EmbeddedBusSchema['bus_dead_letters'];

/**
 * An in-process bus with Kafka's semantics on SQLite: an append-only log, one committed
 * offset per consumer group, delivery in log order per group (so per aggregate), an
 * inbox per group against redelivery, retries with backoff, then a dead-letter row.
 * Everything is durable, so a restart resumes where each group stopped.
 */
export class EmbeddedEventBus implements EventBus {
  private readonly consumers = new Map<string, GroupConsumer>();
  private readonly retry: RetryPolicy;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly store: SqliteHandle<EmbeddedBusSchema>;
  private readonly options: EmbeddedBusOptions;

  private constructor(store: SqliteHandle<EmbeddedBusSchema>, options: EmbeddedBusOptions) {
    this.store = store;
    this.options = options;
    this.retry = options.retry ?? defaultRetryPolicy;
  }

  static async open(options: EmbeddedBusOptions): Promise<EmbeddedEventBus> {
    const store = await openSqlite<EmbeddedBusSchema>({
      path: options.path,
      migrations: embeddedBusMigrations,
    });
    return new EmbeddedEventBus(store, options);
  }

  async publish(events: CloudEvent[]): Promise<void> {
    if (this.closed) throw BusErrors.BUS_CLOSED.create();
    if (events.length === 0) return;
    const now = this.options.clock.now();
    await this.store.db
      .insertInto('bus_events')
      .values(
        events.map((event) => ({
          id: event.id,
          topic: topicOf(event.type),
          partition_key: event.partitionkey,
          envelope: JSON.stringify(event),
          published_at: now,
        })),
      )
      .execute();
    const topics = new Set(events.map((event) => topicOf(event.type)));
    for (const consumer of this.consumers.values()) {
      if (consumer.subscription.topics.some((topic) => topics.has(topic))) consumer.wake();
    }
  }

  subscribe(subscription: Subscription): void {
    if (this.consumers.has(subscription.group))
      throw new Error(`Consumer group ${subscription.group} is already subscribed`);
    this.consumers.set(
      subscription.group,
      new GroupConsumer(subscription, this.store, this.options, this.retry),
    );
  }

  async start(): Promise<void> {
    for (const consumer of this.consumers.values()) consumer.wake();
    const poll = () => {
      for (const consumer of this.consumers.values()) consumer.wake();
      this.timer = setTimeout(poll, this.options.pollIntervalMs ?? 1_000);
      this.timer.unref();
    };
    this.timer = setTimeout(poll, this.options.pollIntervalMs ?? 1_000);
    this.timer.unref();
  }

  async listDeadLetters(
    query: DeadLetterQuery,
  ): Promise<{ items: DeadLetter[]; nextCursor: string | null }> {
    const after = deadLetterCursor(query.cursor);
    let select = this.store.db
      .selectFrom('bus_dead_letters')
      .selectAll()
      .orderBy('id')
      .limit(query.limit + 1);
    if (after) select = select.where('id', '>', after);
    if (query.groupPrefix) select = select.where('grp', 'like', `${query.groupPrefix}.%`);
    return deadLetterPage(await select.execute(), query.limit);
  }

  async redrive(id: string, groupPrefix?: string): Promise<DeadLetter> {
    const row = await this.store.db
      .selectFrom('bus_dead_letters')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || (groupPrefix && !row.grp.startsWith(`${groupPrefix}.`))) {
      throw BusErrors.DEAD_LETTER_NOT_FOUND.create(`No dead letter ${id}`);
    }
    if (row.status === 'redriven')
      throw BusErrors.ALREADY_REDRIVEN.create(`Dead letter ${id} was already redriven`);
    const consumer = this.consumers.get(row.grp);
    if (!consumer)
      throw BusErrors.CONSUMER_NOT_RUNNING.create(`Consumer group ${row.grp} is not running here`);
    return toDeadLetter(await consumer.redrive(row));
  }

  async stats(): Promise<BusStats> {
    const head = await this.store.db
      .selectFrom('bus_events')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst();
    const lag: Record<string, number> = {};
    for (const consumer of this.consumers.values())
      lag[consumer.subscription.group] = await consumer.lag(Number(head?.seq ?? 0));
    const dead = await this.store.db
      .selectFrom('bus_dead_letters')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('status', '=', 'dead')
      .executeTakeFirstOrThrow();
    return { lag, deadLetters: Number(dead.count) };
  }

  async drain(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { lag } = await this.stats();
      const idle = [...this.consumers.values()].every((consumer) => consumer.idle());
      if (idle && Object.values(lag).every((value) => value === 0)) return;
      if (Date.now() > deadline)
        throw new Error(`Event bus did not drain in ${timeoutMs} ms: ${JSON.stringify(lag)}`);
      for (const consumer of this.consumers.values()) consumer.wake();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await Promise.all([...this.consumers.values()].map((consumer) => consumer.stop()));
    await this.store.close();
  }
}

/** Delivers one group's events one at a time, in log order. */
class GroupConsumer {
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private readonly abort = new AbortController();
  readonly subscription: Subscription;
  private readonly store: SqliteHandle<EmbeddedBusSchema>;
  private readonly options: EmbeddedBusOptions;
  private readonly retry: RetryPolicy;

  constructor(
    subscription: Subscription,
    store: SqliteHandle<EmbeddedBusSchema>,
    options: EmbeddedBusOptions,
    retry: RetryPolicy,
  ) {
    this.subscription = subscription;
    this.store = store;
    this.options = options;
    this.retry = retry;
  }

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pump()
      .catch((error: unknown) =>
        this.options.logger.error(
          { err: error, group: this.subscription.group },
          'consumer failed',
        ),
      )
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  idle(): boolean {
    return this.running === undefined;
  }

  async lag(head: number): Promise<number> {
    const offset = await this.offset();
    const row = await this.store.db
      .selectFrom('bus_events')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('seq', '>', offset)
      .where('seq', '<=', head)
      .where('topic', 'in', this.subscription.topics)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    await this.running;
  }

  async redrive(row: DeadLetterRow): Promise<DeadLetterRow> {
    const event = JSON.parse(row.envelope) as CloudEvent;
    const now = this.options.clock.now();
    try {
      await this.subscription.handle(event);
    } catch (error) {
      const failed = { ...row, error: String(error), attempts: row.attempts + 1, failed_at: now };
      await this.store.db
        .updateTable('bus_dead_letters')
        .set(failed)
        .where('id', '=', row.id)
        .execute();
      return failed;
    }
    const redriven = { ...row, status: 'redriven' as const, redriven_at: now };
    await this.store.db.transaction().execute(async (trx) => {
      await trx.updateTable('bus_dead_letters').set(redriven).where('id', '=', row.id).execute();
      await trx
        .insertInto('bus_inbox')
        .values({ grp: row.grp, event_id: row.event_id, processed_at: now })
        .onConflict((oc) => oc.doNothing())
        .execute();
    });
    return redriven;
  }

  private async offset(): Promise<number> {
    const row = await this.store.db
      .selectFrom('bus_offsets')
      .select('seq')
      .where('grp', '=', this.subscription.group)
      .executeTakeFirst();
    return row?.seq ?? 0;
  }

  private async pump(): Promise<void> {
    const batchSize = this.options.batchSize ?? 100;
    while (!this.stopped) {
      const rows = await this.store.db
        .selectFrom('bus_events')
        .select(['seq', 'id', 'envelope'])
        .where('seq', '>', await this.offset())
        .where('topic', 'in', this.subscription.topics)
        .orderBy('seq')
        .limit(batchSize)
        .execute();
      for (const row of rows) {
        if (this.stopped) return;
        await this.deliver(row as { seq: number; id: string; envelope: string });
      }
      if (rows.length < batchSize) return;
    }
  }

  private async deliver(row: { seq: number; id: string; envelope: string }): Promise<void> {
    const { group, types } = this.subscription;
    const event = JSON.parse(row.envelope) as CloudEvent;
    const seen = await this.store.db
      .selectFrom('bus_inbox')
      .select('event_id')
      .where('grp', '=', group)
      .where('event_id', '=', row.id)
      .executeTakeFirst();
    const wanted = !types || types.includes(event.type);
    if (seen || !wanted) return this.acknowledge(row.seq);
    const failure = await this.handleWithRetries(event);
    if (this.stopped && failure) return;
    const now = this.options.clock.now();
    await this.store.db.transaction().execute(async (trx) => {
      if (failure) {
        await trx
          .insertInto('bus_dead_letters')
          .values({
            id: newId('dlq', now),
            grp: group,
            event_id: event.id,
            envelope: row.envelope,
            error: failure.error,
            attempts: failure.attempts,
            failed_at: now,
            status: 'dead',
            redriven_at: null,
          })
          .execute();
        this.options.logger.error(
          { group, eventId: event.id, type: event.type, error: failure.error },
          'event dead-lettered',
        );
      } else {
        await trx
          .insertInto('bus_inbox')
          .values({ grp: group, event_id: event.id, processed_at: now })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      await trx
        .insertInto('bus_offsets')
        .values({ grp: group, seq: row.seq })
        .onConflict((oc) => oc.column('grp').doUpdateSet({ seq: row.seq }))
        .execute();
    });
  }

  private async acknowledge(seq: number): Promise<void> {
    await this.store.db
      .insertInto('bus_offsets')
      .values({ grp: this.subscription.group, seq })
      .onConflict((oc) => oc.column('grp').doUpdateSet({ seq }))
      .execute();
  }

  private async handleWithRetries(
    event: CloudEvent,
  ): Promise<{ error: string; attempts: number } | undefined> {
    let lastError = '';
    for (let attempt = 1; attempt <= this.retry.maxAttempts; attempt++) {
      try {
        await this.subscription.handle(event);
        return undefined;
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
        this.options.logger.warn(
          { group: this.subscription.group, eventId: event.id, attempt, error: lastError },
          'event handler failed',
        );
        if (attempt < this.retry.maxAttempts)
          await this.options.clock.sleep(backoffDelay(attempt, this.retry), this.abort.signal);
        if (this.stopped) return { error: lastError, attempts: attempt };
      }
    }
    return { error: lastError, attempts: this.retry.maxAttempts };
  }
}
