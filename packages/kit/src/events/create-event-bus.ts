import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import { retryPolicyOf } from '../common-config.ts';
import { EmbeddedEventBus } from './embedded-bus.ts';
import type { EventBus } from './event-bus.ts';

export interface EventBusConfig {
  EVENT_BUS: 'embedded' | 'kafka';
  KAFKA_BROKERS: string;
  KAFKA_TOPIC_PREFIX: string;
  DATA_DIR: string;
  EVENT_MAX_ATTEMPTS: number;
  EVENT_RETRY_BASE_MS: number;
}

/**
 * The bus a service runs on when it is alone in its process. With Kafka, the inbox
 * and the dead-letter view are kept in a local SQLite file per service.
 */
export async function createEventBus(
  config: EventBusConfig,
  service: string,
  clock: Clock,
  logger: Logger,
): Promise<EventBus> {
  const retry = retryPolicyOf(config);
  if (config.EVENT_BUS === 'embedded') {
    return EmbeddedEventBus.open({
      path: join(config.DATA_DIR, 'bus.sqlite'),
      clock,
      logger,
      retry,
    });
  }
  // Loaded only when used: embedded mode never pays for the Kafka client.
  const { KafkaEventBus } = await import('./kafka/kafka-bus.ts');
  return KafkaEventBus.open({
    brokers: config.KAFKA_BROKERS.split(',').map((broker) => broker.trim()),
    path: join(config.DATA_DIR, `${service}-kafka-inbox.sqlite`),
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    clientId: `emporium-${service}`,
    // A crashed member holds its partitions until its session expires: keep that short.
    consumer: { sessionTimeout: 10_000, heartbeatInterval: 1_000, rebalanceTimeout: 10_000 },
    clock,
    logger,
    retry,
  });
}
