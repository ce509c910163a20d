import type { Producer } from '@platformatic/kafka';
import type { Logger } from 'pino';
import type { Clock } from '../../clock.ts';
import type { CloudEvent } from '../cloud-event.ts';
import { DeliveryCore } from '../delivery-core.ts';
import type { RetryPolicy, Subscription } from '../event-bus.ts';
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

/**
 * One consumer group on Kafka: the delivery core decides (filter, inbox, retries), a
 * dead letter is produced to `<topic>.dlq` with the original record, and an offset is
 * committed unless the core was interrupted by a close.
 */
export class GroupDelivery {
  readonly core: DeliveryCore;
  readonly consumer: PartitionedConsumer;
  private readonly options: GroupDeliveryOptions;

  constructor(subscription: Subscription, options: GroupDeliveryOptions) {
    this.options = options;
    this.core = new DeliveryCore(subscription, options);
    this.consumer = options.consumer((message, signal) => this.deliver(message, signal));
  }

  get subscription(): Subscription {
    return this.core.subscription;
  }

  private async deliver(message: KafkaMessage, signal: AbortSignal): Promise<boolean> {
    const event = decode(message, this.options.logger);
    if (!event) return true;
    const outcome = await this.core.deliver(event, signal, async (failure) => {
      await this.options.producer.send({
        messages: [
          toDeadLetterRecord(message, deadLetterTopic(message.topic), {
            group: failure.group,
            failedAt: new Date(failure.failedAt).toISOString(),
            error: failure.error,
            attempts: failure.attempts,
          }),
        ],
      });
    });
    // Closing mid-retries: leave the offset uncommitted, the next member redelivers it.
    return outcome !== 'interrupted';
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
