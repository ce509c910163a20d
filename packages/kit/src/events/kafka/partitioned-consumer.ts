import { setTimeout as delay } from 'node:timers/promises';
import { Consumer, stringDeserializers, type MessagesStream } from '@platformatic/kafka';
import type { Logger } from 'pino';
import type { KafkaMessage } from './binding.ts';
import { keepTrying } from './keep-trying.ts';

/** Group membership timings, in ms (the client's defaults suit production; tests shorten them). */
export interface ConsumerTimings {
  sessionTimeout?: number;
  heartbeatInterval?: number;
  rebalanceTimeout?: number;
  /** Longest a fetch waits on an idle partition. */
  maxWaitTime?: number;
}

/** Handles one message; resolves true when its offset may be committed. */
export type ProcessMessage = (message: KafkaMessage, signal: AbortSignal) => Promise<boolean>;

export interface PartitionedConsumerOptions {
  brokers: string[];
  clientId: string;
  groupId: string;
  topics: string[];
  logger: Logger;
  timings?: ConsumerTimings;
  /** Where the group begins when it has no committed offset (default earliest). */
  startAt?: 'earliest' | 'latest';
  /** Messages fetched but not yet committed before the stream pauses (back-pressure). */
  maxInFlight?: number;
  process: ProcessMessage;
}

const INFRA_RETRY_MS = 1_000;
/** Longer than any healthy commit, shorter than a shopper notices a stale search. */
const COMMIT_TIMEOUT_MS = 10_000;
/** Two quick lookups (the log ends and the committed offsets) on a healthy cluster. */
const POSITIONS_TIMEOUT_MS = 10_000;

/**
 * One Kafka consumer-group member that handles the messages of each partition one at a
 * time (a promise chain per partition keeps the per-key order) while different
 * partitions proceed concurrently, and commits each offset right after its message.
 */
export class PartitionedConsumer {
  private consumer: Consumer<string, string, string, string>;
  private readonly options: PartitionedConsumerOptions;
  private readonly lanes = new Map<string, Promise<void>>();
  private readonly abort = new AbortController();
  private stream: MessagesStream<string, string, string, string> | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private inFlight = 0;
  private stopped = false;

  constructor(options: PartitionedConsumerOptions) {
    this.options = options;
    this.consumer = this.createConsumer();
  }

  /**
   * Joins the group, trying again with a fresh client until it is in or `stop` is called;
   * a new group starts at the earliest offset, or the latest if told so.
   */
  async start(): Promise<void> {
    await keepTrying(
      'joining kafka consumer group',
      async () => {
        try {
          await this.join();
        } catch (error) {
          if (!this.stopped) this.replaceConsumer();
          throw error;
        }
      },
      { signal: this.abort.signal, logger: this.log() },
    );
  }

  private async join(): Promise<void> {
    const consumer = this.consumer;
    const joining = consumer.consume({
      topics: this.options.topics,
      autocommit: false,
      mode: 'committed',
      fallbackMode: this.options.startAt ?? 'earliest',
    });
    const limitMs = joinLimitMs(this.options.timings);
    if (!(await settleWithin(joining, limitMs))) {
      void joining.then((late) => late.close()).catch(() => undefined);
      throw new Error(`the group join did not finish in ${limitMs} ms`);
    }
    const stream = await joining;
    stream.on('error', (err) => this.log().error({ err }, 'kafka consumer stream failed'));
    // `consume` answers before the stream has asked where its partitions start: until it
    // knows, a `latest` group would skip what is published meanwhile, so it is not running.
    if (!(await positionsFixed(stream, POSITIONS_TIMEOUT_MS))) {
      await stream.close().catch(() => undefined);
      throw new Error(`the consumer did not learn its positions in ${POSITIONS_TIMEOUT_MS} ms`);
    }
    if (this.stopped || consumer !== this.consumer) {
      await stream.close().catch(() => undefined);
      return;
    }
    this.stream = stream;
    stream.on('data', (message) => this.enqueue(message));
    // The client destroys the stream on some commit and rejoin errors: consume again.
    stream.on('close', () => {
      if (this.stopped || this.stream !== stream) return;
      this.stream = undefined;
      this.restartLater();
    });
  }

  busy(): boolean {
    return this.inFlight > 0;
  }

  /** Records published but not yet committed by this group, over all its partitions. */
  async lag(): Promise<number> {
    const { topics } = this.options;
    const ends = await this.consumer.listOffsets({ topics });
    const committed = await this.consumer.listCommittedOffsets({
      topics: topics.map((topic) => ({ topic, partitions: [...(ends.get(topic) ?? []).keys()] })),
    });
    let starts: Map<string, bigint[]> | undefined;
    let lag = 0;
    for (const [topic, partitionEnds] of ends) {
      for (const [partition, end] of partitionEnds.entries()) {
        let from = committed.get(topic)?.[partition] ?? -1n;
        // A `latest` group with nothing committed yet has read nothing it would read.
        if (from < 0n && this.options.startAt === 'latest') continue;
        if (from < 0n) {
          // Nothing committed: the group starts at the log start (which retention moves).
          starts ??= await this.consumer.listOffsets({ topics, timestamp: -2n });
          from = starts.get(topic)?.[partition] ?? 0n;
        }
        if (end > from) lag += Number(end - from);
      }
    }
    return lag;
  }

  /** Finishes the message in hand of each partition, commits it and leaves the group. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    this.abort.abort();
    this.stream?.pause();
    await Promise.all(this.lanes.values());
    await this.stream?.close().catch((err: unknown) => this.log().warn({ err }, 'stream close'));
    await this.consumer.close();
  }

  private enqueue(message: KafkaMessage): void {
    const maxInFlight = this.options.maxInFlight ?? 256;
    if (++this.inFlight >= maxInFlight) this.stream?.pause();
    const lane = `${message.topic}:${message.partition}`;
    const next = (this.lanes.get(lane) ?? Promise.resolve())
      .then(() => this.settle(message))
      .finally(() => {
        this.inFlight--;
        if (this.lanes.get(lane) === next) this.lanes.delete(lane);
        if (!this.stopped && this.inFlight < maxInFlight / 2 && this.stream?.isPaused())
          this.stream.resume();
      });
    this.lanes.set(lane, next);
  }

  /**
   * Infrastructure failures (inbox, dead-letter produce) retry the message rather than
   * move on: committing a later offset of the partition would silently skip it.
   */
  private async settle(message: KafkaMessage): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      try {
        if (!(await this.options.process(message, this.abort.signal))) return;
        break;
      } catch (err) {
        this.log().error({ err, offset: String(message.offset) }, 'kafka message failed, retrying');
        await delay(INFRA_RETRY_MS, undefined, { signal: this.abort.signal }).catch(
          () => undefined,
        );
      }
    }
    const committed = await settleWithin(
      Promise.resolve(message.commit()),
      COMMIT_TIMEOUT_MS,
    ).catch((err: unknown) => {
      // Lost the partition in a rebalance: its next owner redelivers, the inbox skips it.
      this.log().warn({ err, offset: String(message.offset) }, 'kafka offset commit failed');
      return true;
    });
    if (!committed) {
      // A commit that never settles means this member silently left the group (after a
      // long broker outage the client can keep fetching without being a member): start over.
      this.log().warn({ offset: String(message.offset) }, 'kafka offset commit hung; rejoining');
      this.recycle();
    }
  }

  /** Drops the current stream and consumer and joins again with a fresh one. */
  private recycle(): void {
    if (this.stopped || this.restartTimer) return;
    const stale = this.stream;
    this.stream = undefined;
    stale?.removeAllListeners('data');
    this.restartLater();
  }

  private restartLater(): void {
    if (this.restartTimer) return;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      this.restart().catch((err: unknown) => {
        this.log().error({ err }, 'kafka consumer restart failed');
        if (!this.stopped) this.restartLater();
      });
    }, INFRA_RETRY_MS);
    this.restartTimer.unref();
  }

  private async restart(): Promise<void> {
    if (this.stopped) return;
    this.replaceConsumer();
    await this.start();
  }

  /**
   * A failed join can leave the client believing it is still a member, so a new join never
   * reuses it: the old consumer is closed and a new one takes its place.
   */
  private replaceConsumer(): void {
    const old = this.consumer;
    this.consumer = this.createConsumer();
    void old
      .close(true)
      .catch((err: unknown) => this.log().warn({ err }, 'closing the old kafka consumer'));
  }

  private createConsumer(): Consumer<string, string, string, string> {
    const { clientId, groupId, brokers, timings } = this.options;
    return new Consumer({
      clientId,
      groupId,
      bootstrapBrokers: brokers,
      deserializers: stringDeserializers,
      ...timings,
    });
  }

  private log(): Logger {
    return this.options.logger.child({ group: this.options.groupId });
  }
}

/**
 * A join waits at most for the members of the last generation to rejoin (rebalance timeout)
 * and for a dead one's session to expire; longer than that, it is stuck.
 */
function joinLimitMs(timings: ConsumerTimings | undefined): number {
  return (timings?.rebalanceTimeout ?? 102_000) + (timings?.sessionTimeout ?? 60_000) + 10_000;
}

/**
 * True once the stream has looked up the offset each assigned partition starts at; false
 * when it closes first (the lookup failed) or takes longer than `ms`.
 */
function positionsFixed(stream: MessagesStream<string, string, string, string>, ms: number) {
  return new Promise<boolean>((resolve) => {
    const settle = (fixed: boolean) => {
      clearTimeout(timer);
      stream.off('offsets', onOffsets);
      stream.off('close', onClose);
      resolve(fixed);
    };
    const onOffsets = () => settle(true);
    const onClose = () => settle(false);
    const timer = setTimeout(onClose, ms);
    stream.once('offsets', onOffsets);
    stream.once('close', onClose);
  });
}

/** True when `promise` fulfils within `ms`, false when it is still pending then. */
async function settleWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true as const), late]);
  } finally {
    clearTimeout(timer);
  }
}
