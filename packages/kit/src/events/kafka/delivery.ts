import type { Producer } from '@platformatic/kafka';
import type { Logger } from 'pino';
import type { Clock } from '../../clock.ts';
import type { CloudEvent } from '../cloud-event.ts';
import {
  backoffDelay,
  type DeadLetter,
  type RetryPolicy,
  type Subscription,
} from '../event-bus.ts';
import type { Inbox } from '../inbox.ts';
import {
  deadLetterHeaders,
  fromKafkaMessage,
  toDeadLetterRecord,
  type KafkaMessage,
} from './binding.ts';
import type { DeadLetterStore } from './dead-letter-store.ts';
import type { PartitionedConsumer, ProcessMessage } from './partitioned-consumer.ts';
import { deadLetterTopic } from './topics.ts';

export interface GroupDeliveryOptions {
  clock: Clock;
  logger: Logger;
  retry: RetryPolicy;
  inbox: Inbox;
  producer: Producer<string, string, string, string>;
  consumer(process: ProcessMessage): PartitionedConsumer;
}

/** What one consumer group does with each message: filter, dedupe, retry, dead-letter. */
export class GroupDelivery {
  readonly subscription: Subscription;
  readonly consumer: PartitionedConsumer;
  private readonly options: GroupDeliveryOptions;

  constructor(subscription: Subscription, options: GroupDeliveryOptions) {
    this.subscription = subscription;
    this.options = options;
    this.consumer = options.consumer((message, signal) => this.deliver(message, signal));
  }

  /** Hands a dead letter to the handler once more; on success the inbox records it. */
  async redrive(letter: DeadLetter, store: DeadLetterStore): Promise<DeadLetter> {
    const now = this.options.clock.now();
    try {
      await this.subscription.handle(letter.event);
    } catch (error) {
      return store.failedAgain(letter, messageOf(error), now);
    }
    await this.options.inbox.record(letter.group, letter.event.id);
    return store.redriven(letter, now);
  }

  private async deliver(message: KafkaMessage, signal: AbortSignal): Promise<boolean> {
    const { group, types } = this.subscription;
    const event = decode(message, this.options.logger);
    if (!event || (types && !types.includes(event.type))) return true;
    if (await this.options.inbox.has(group, event.id)) return true;
    const failure = await this.handleWithRetries(event, signal);
    if (!failure) {
      await this.options.inbox.record(group, event.id);
      return true;
    }
    // Closing mid-retries: leave the offset uncommitted, the next member redelivers it.
    if (signal.aborted) return false;
    const failedAt = new Date(this.options.clock.now()).toISOString();
    await this.options.producer.send({
      messages: [
        toDeadLetterRecord(message, deadLetterTopic(message.topic), {
          group,
          failedAt,
          ...failure,
        }),
      ],
    });
    this.options.logger.error(
      { group, eventId: event.id, type: event.type, error: failure.error },
      'event dead-lettered',
    );
    return true;
  }

  private async handleWithRetries(
    event: CloudEvent,
    signal: AbortSignal,
  ): Promise<{ error: string; attempts: number } | undefined> {
    const { retry, clock, logger } = this.options;
    let error = '';
    for (let attempt = 1; attempt <= retry.maxAttempts; attempt++) {
      try {
        await this.subscription.handle(event);
        return undefined;
      } catch (caught) {
        error = messageOf(caught);
        logger.warn(
          { group: this.subscription.group, eventId: event.id, attempt, error },
          'event handler failed',
        );
        if (signal.aborted) return { error, attempts: attempt };
        if (attempt < retry.maxAttempts) await clock.sleep(backoffDelay(attempt, retry), signal);
      }
    }
    return { error, attempts: retry.maxAttempts };
  }
}

/** Mirrors one `.dlq` record into the store when it belongs to a group of this process. */
export async function keepDeadLetter(
  message: KafkaMessage,
  store: DeadLetterStore,
  groups: ReadonlyMap<string, unknown>,
  options: { clock: Clock; logger: Logger },
): Promise<boolean> {
  const why = deadLetterHeaders(message);
  if (!why || !groups.has(why.group)) return true;
  const event = decode(message, options.logger);
  if (!event) return true;
  await store.add(
    {
      source: `${message.topic}/${message.partition}/${message.offset}`,
      group: why.group,
      event,
      error: why.error,
      attempts: why.attempts,
      failedAt: Date.parse(why.failedAt),
    },
    options.clock.now(),
  );
  return true;
}

/** A record that is not a CloudEvent can never be handled: log it and move past it. */
function decode(message: KafkaMessage, logger: Logger): CloudEvent | undefined {
  try {
    return fromKafkaMessage(message);
  } catch (err) {
    logger.error(
      { err, topic: message.topic, partition: message.partition, offset: String(message.offset) },
      'malformed Kafka event skipped',
    );
    return undefined;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
