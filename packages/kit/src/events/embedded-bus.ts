import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import { GroupCommit, runInSavepoints } from '../db/group-commit.ts';
import { openSqlite, type SqliteHandle } from '../db/sqlite.ts';
import { SqlInbox } from '../stores/sql/sql-inbox.ts';
import { topicOf, type CloudEvent } from './cloud-event.ts';
import { DeliveryCore, redriveDeadLetter } from './delivery-core.ts';
import { EmbeddedDeadLetters } from './embedded-dead-letters.ts';
import { GroupConsumer } from './embedded-group-consumer.ts';
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
import {
  embeddedBusMigrations,
  type BusWrite,
  type EmbeddedBusSchema,
} from './embedded-bus-schema.ts';

export interface EmbeddedBusOptions {
  /** SQLite file of the bus log, offsets, inbox and dead letters (`:memory:` in unit tests). */
  path: string;
  clock: Clock;
  logger: Logger;
  retry?: RetryPolicy;
  pollIntervalMs?: number;
  /** Events read and committed per transaction; the consumer yields to the event loop between batches. */
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
  /**
   * The log's appends and the groups' offset commits that queue while another is being
   * written commit together, each in its own savepoint (ADR 0037): the relays of all the
   * in-process services and the groups woken by them share disk syncs.
   */
  private readonly writes: GroupCommit<BusWrite>;

  private constructor(store: SqliteHandle<EmbeddedBusSchema>, options: EmbeddedBusOptions) {
    this.store = store;
    this.options = options;
    this.retry = options.retry ?? defaultRetryPolicy;
    this.deadLetters = new EmbeddedDeadLetters(store.db);
    this.inbox = new SqlInbox(store.db, () => options.clock.now());
    this.writes = new GroupCommit<BusWrite>({
      // No wait for the event loop: a publish is in the log as soon as before (tests and
      // `drain()` rely on that), and what queues while a group is written shares its sync.
      gather: { kind: 'microtask' },
      commit: (group) =>
        store.db.transaction().execute((trx) => runInSavepoints(trx, group, (write) => write(trx))),
    });
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
    const rows = events.map((event) => ({
      id: event.id,
      topic: topicOf(event.type),
      partition_key: event.partitionkey,
      envelope: JSON.stringify(event),
      published_at: now,
    }));
    await this.writes.submit((trx) => trx.insertInto('bus_events').values(rows).execute());
    const topics = new Set(events.map((event) => topicOf(event.type)));
    for (const consumer of this.consumers.values()) {
      if (consumer.subscription.topics.some((topic) => topics.has(topic))) consumer.wake();
    }
  }

  subscribe(subscription: Subscription): void {
    if (this.consumers.has(subscription.group))
      throw new Error(`Consumer group ${subscription.group} is already subscribed`);
    const consumer = new GroupConsumer({
      core: new DeliveryCore(subscription, {
        clock: this.options.clock,
        logger: this.options.logger,
        retry: this.retry,
        inbox: this.inbox,
      }),
      store: this.store,
      writes: this.writes,
      deadLetters: this.deadLetters,
      inbox: this.inbox,
      options: { logger: this.options.logger, batchSize: this.options.batchSize ?? 100 },
    });
    this.consumers.set(subscription.group, consumer);
    consumer
      .position()
      .catch((error: unknown) =>
        this.options.logger.error({ err: error, group: subscription.group }, 'consumer position'),
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
