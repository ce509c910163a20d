import { Admin, ProduceAcks, Producer, stringSerializers } from '@platformatic/kafka';
import type { Logger } from 'pino';
import type { Clock } from '../../clock.ts';
import { openSqlite, type SqliteHandle } from '../../db/sqlite.ts';
import { topicOf, type CloudEvent } from '../cloud-event.ts';
import { BusErrors } from '../errors.ts';
import { redriveDeadLetter } from '../delivery-core.ts';
import {
  defaultRetryPolicy,
  type BusStats,
  type DeadLetter,
  type DeadLetterQuery,
  type EventBus,
  type RetryPolicy,
  type Subscription,
} from '../event-bus.ts';
import { SqliteInbox, type Inbox } from '../inbox.ts';
import { toKafkaRecord } from './binding.ts';
import { DeadLetterStore, kafkaBusMigrations, type KafkaBusSchema } from './dead-letter-store.ts';
import { GroupDelivery, keepDeadLetter } from './delivery.ts';
import {
  PartitionedConsumer,
  type ConsumerTimings,
  type ProcessMessage,
} from './partitioned-consumer.ts';
import { keepTrying } from './keep-trying.ts';
import { deadLetterTopic, TopicProvisioner } from './topics.ts';

export interface KafkaEventBusOptions {
  brokers: string[];
  /** SQLite file of the inbox and the dead-letter store (`:memory:` when nothing restarts). */
  path: string;
  clock: Clock;
  logger: Logger;
  retry?: RetryPolicy;
  clientId?: string;
  /** Prepended to topic and consumer-group names, e.g. a random one per test. */
  topicPrefix?: string;
  /** Used when the bus creates a topic (and its `.dlq`); default 3 partitions, 1 replica. */
  partitions?: number;
  replicas?: number;
  consumer?: ConsumerTimings;
  maxInFlight?: number;
  /** Group reading the `.dlq` topics into this store; default unique to the store file. */
  deadLetterGroup?: string;
  /** Another inbox (e.g. in the service database); default the SQLite one at `path`. */
  inbox?: Inbox;
}

/**
 * The event bus on Kafka: one topic per aggregate type, CloudEvents binary binding, one
 * consumer group per subscription with manual commits, an inbox against redelivery, and
 * `<topic>.dlq` topics mirrored into SQLite so dead letters can be listed and redriven.
 */
export class KafkaEventBus implements EventBus {
  private readonly options: KafkaEventBusOptions;
  private readonly handle: SqliteHandle<KafkaBusSchema>;
  private readonly store: DeadLetterStore;
  private readonly inbox: Inbox;
  private readonly producer: Producer<string, string, string, string>;
  private readonly admin: Admin;
  private readonly topics: TopicProvisioner;
  private readonly groups = new Map<string, GroupDelivery>();
  private deadLetters: PartitionedConsumer | undefined;
  private started = false;
  private closed = false;
  private readonly closing = new AbortController();

  private constructor(handle: SqliteHandle<KafkaBusSchema>, options: KafkaEventBusOptions) {
    this.options = options;
    this.handle = handle;
    this.store = new DeadLetterStore(handle);
    this.inbox = options.inbox ?? new SqliteInbox(handle, () => options.clock.now());
    const client = { clientId: options.clientId ?? 'emporium', bootstrapBrokers: options.brokers };
    // Idempotent with acks=all: a retried send never duplicates nor reorders a partition.
    this.producer = new Producer({
      ...client,
      serializers: stringSerializers,
      idempotent: true,
      acks: ProduceAcks.ALL,
    });
    this.admin = new Admin(client);
    this.topics = new TopicProvisioner(this.admin, options.partitions ?? 3, options.replicas ?? 1);
  }

  static async open(options: KafkaEventBusOptions): Promise<KafkaEventBus> {
    const handle = await openSqlite<KafkaBusSchema>({
      path: options.path,
      migrations: kafkaBusMigrations,
    });
    return new KafkaEventBus(handle, options);
  }

  /** Resolves once every partition leader and its in-sync replicas have the records. */
  async publish(events: CloudEvent[]): Promise<void> {
    if (this.closed) throw BusErrors.BUS_CLOSED.create();
    if (events.length === 0) return;
    const records = events.map((event) => toKafkaRecord(event, this.name(topicOf(event.type))));
    await this.topics.ensure(records.map((record) => record.topic));
    await this.producer.send({ messages: records });
  }

  subscribe(subscription: Subscription): void {
    if (this.groups.has(subscription.group))
      throw new Error(`Consumer group ${subscription.group} is already subscribed`);
    // The dead-letter consumer's topics are fixed when it starts.
    if (this.started) throw new Error('Subscribe before the Kafka event bus starts');
    this.groups.set(
      subscription.group,
      new GroupDelivery(subscription, {
        clock: this.options.clock,
        logger: this.options.logger,
        retry: this.options.retry ?? defaultRetryPolicy,
        inbox: this.inbox,
        producer: this.producer,
        consumer: (process) =>
          this.consumer(subscription.group, subscription.topics, process, subscription.startAt),
      }),
    );
  }

  async start(): Promise<void> {
    if (this.closed) throw BusErrors.BUS_CLOSED.create();
    if (this.started || this.groups.size === 0) return;
    this.started = true;
    const topics = [...this.groups.values()].flatMap((group) => group.subscription.topics);
    const named = topics.map((topic) => this.name(topic));
    const provisioned = await keepTrying('creating kafka topics', () => this.topics.ensure(named), {
      signal: this.closing.signal,
      logger: this.options.logger,
    });
    if (!provisioned) return;
    const group = this.options.deadLetterGroup ?? `bus.dead-letters.${await this.store.storeId()}`;
    if (this.closed) return;
    this.deadLetters = this.consumer(group, [...new Set(topics)].map(deadLetterTopic), (message) =>
      keepDeadLetter(message, this.store, this.groups, this.options),
    );
    await Promise.all([
      this.deadLetters.start(),
      ...[...this.groups.values()].map((delivery) => delivery.consumer.start()),
    ]);
  }

  listDeadLetters(
    query: DeadLetterQuery,
  ): Promise<{ items: DeadLetter[]; nextCursor: string | null }> {
    return this.store.list(query);
  }

  redrive(id: string, groupPrefix?: string): Promise<DeadLetter> {
    return redriveDeadLetter({
      id,
      groupPrefix,
      ledger: this.store,
      cores: new Map([...this.groups].map(([group, delivery]) => [group, delivery.core])),
      running: this.started && !this.closed,
    });
  }

  async stats(): Promise<BusStats> {
    const lag: Record<string, number> = {};
    for (const [group, delivery] of this.groups) lag[group] = await delivery.consumer.lag();
    return { lag, deadLetters: await this.store.countDead() };
  }

  /**
   * Groups first, then the dead-letter mirror: a group commits an offset only after the
   * `.dlq` copy is acknowledged, so once its lag is 0 the mirror's target is known.
   */
  async drain(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const consumers = [...this.groups.values()].map((delivery) => delivery.consumer);
    const idle = () => consumers.every((c) => !c.busy()) && !this.deadLetters?.busy();
    let lags: number[] = [];
    for (;;) {
      if (idle()) {
        lags = await Promise.all(consumers.map((consumer) => consumer.lag()));
        if (lags.every((lag) => lag === 0)) {
          const mirrored = (await this.deadLetters?.lag()) ?? 0;
          if (mirrored === 0 && idle()) return;
        }
      }
      if (Date.now() > deadline)
        throw new Error(`Kafka event bus did not drain in ${timeoutMs} ms: lag ${lags.join(',')}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.closing.abort();
    try {
      const consumers = [...this.groups.values()].map((delivery) => delivery.consumer);
      if (this.deadLetters) consumers.push(this.deadLetters);
      await Promise.all(consumers.map((consumer) => consumer.stop()));
      await Promise.all([this.producer.close(), this.admin.close()]);
    } finally {
      await this.handle.close();
    }
  }

  private name(topicOrGroup: string): string {
    return `${this.options.topicPrefix ?? ''}${topicOrGroup}`;
  }

  private consumer(
    group: string,
    topics: string[],
    process: ProcessMessage,
    startAt: 'earliest' | 'latest' = 'earliest',
  ): PartitionedConsumer {
    return new PartitionedConsumer({
      startAt,
      brokers: this.options.brokers,
      clientId: this.options.clientId ?? 'emporium',
      groupId: this.name(group),
      topics: topics.map((topic) => this.name(topic)),
      logger: this.options.logger,
      timings: this.options.consumer,
      maxInFlight: this.options.maxInFlight,
      process,
    });
  }
}
