import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import { openSqlite, type SqliteHandle } from '../db/sqlite.ts';
import { SqlInbox } from '../stores/sql/sql-inbox.ts';
import { topicOf, type CloudEvent } from './cloud-event.ts';
import { DeliveryCore, redriveDeadLetter } from './delivery-core.ts';
import { EmbeddedDeadLetters } from './embedded-dead-letters.ts';
import { BusErrors } from './errors.ts';
import {
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
  private readonly deadLetters: EmbeddedDeadLetters;
  private readonly inbox: SqlInbox;

  private constructor(store: SqliteHandle<EmbeddedBusSchema>, options: EmbeddedBusOptions) {
    this.store = store;
    this.options = options;
    this.retry = options.retry ?? defaultRetryPolicy;
    this.deadLetters = new EmbeddedDeadLetters(store.db);
    this.inbox = new SqlInbox(store.db, () => options.clock.now());
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
      new GroupConsumer(
        new DeliveryCore(subscription, {
          clock: this.options.clock,
          logger: this.options.logger,
          retry: this.retry,
          inbox: this.inbox,
        }),
        this.store,
        this.deadLetters,
        this.options,
      ),
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

  listDeadLetters(
    query: DeadLetterQuery,
  ): Promise<{ items: DeadLetter[]; nextCursor: string | null }> {
    return this.deadLetters.list(query);
  }

  redrive(id: string, groupPrefix?: string): Promise<DeadLetter> {
    return redriveDeadLetter({
      id,
      groupPrefix,
      ledger: this.deadLetters,
      cores: new Map([...this.consumers].map(([group, consumer]) => [group, consumer.core])),
      running: !this.closed,
    });
  }

  async stats(): Promise<BusStats> {
    const head = await this.store.db
      .selectFrom('bus_events')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst();
    const lag: Record<string, number> = {};
    for (const consumer of this.consumers.values())
      lag[consumer.subscription.group] = await consumer.lag(Number(head?.seq ?? 0));
    return { lag, deadLetters: await this.deadLetters.countDead() };
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

/** Reads one group's events one at a time, in log order, and moves its offset. */
class GroupConsumer {
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private readonly abort = new AbortController();
  readonly core: DeliveryCore;
  private readonly store: SqliteHandle<EmbeddedBusSchema>;
  private readonly deadLetters: EmbeddedDeadLetters;
  private readonly options: EmbeddedBusOptions;

  constructor(
    core: DeliveryCore,
    store: SqliteHandle<EmbeddedBusSchema>,
    deadLetters: EmbeddedDeadLetters,
    options: EmbeddedBusOptions,
  ) {
    this.core = core;
    this.store = store;
    this.deadLetters = deadLetters;
    this.options = options;
  }

  get subscription(): Subscription {
    return this.core.subscription;
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
        .select(['seq', 'envelope'])
        .where('seq', '>', await this.offset())
        .where('topic', 'in', this.subscription.topics)
        .orderBy('seq')
        .limit(batchSize)
        .execute();
      for (const row of rows) {
        if (this.stopped) return;
        await this.deliver(row as { seq: number; envelope: string });
      }
      if (rows.length < batchSize) return;
    }
  }

  private async deliver(row: { seq: number; envelope: string }): Promise<void> {
    const event = JSON.parse(row.envelope) as CloudEvent;
    const group = this.subscription.group;
    const outcome = await this.core.deliver(event, this.abort.signal, (failure) =>
      this.deadLetters.park(failure, { group, seq: row.seq }),
    );
    // Closing mid-retries: the offset stays, the next start delivers the event again.
    if (outcome === 'interrupted' || outcome === 'dead-lettered') return;
    await this.acknowledge(row.seq);
  }

  private async acknowledge(seq: number): Promise<void> {
    await this.store.db
      .insertInto('bus_offsets')
      .values({ grp: this.subscription.group, seq })
      .onConflict((oc) => oc.column('grp').doUpdateSet({ seq }))
      .execute();
  }
}
