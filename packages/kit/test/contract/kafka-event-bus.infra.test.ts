import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaEventBus } from '../../src/events/kafka/kafka-bus.ts';
import { instantClock, silentLogger } from '../../src/testing/index.ts';
import { describeEventBusContract } from './event-bus.contract.ts';

const brokers = [process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092'];

describeEventBusContract({
  name: 'Kafka',
  async create(retry) {
    // Fresh topics, groups and SQLite file per test; reopen() shares all three, as a restart would.
    const topicPrefix = `test-${randomUUID().slice(0, 8)}.`;
    const path = join(mkdtempSync(join(tmpdir(), 'kafka-bus-')), 'bus.sqlite');
    const open = () =>
      KafkaEventBus.open({
        brokers,
        path,
        topicPrefix,
        retry,
        clock: instantClock(),
        logger: silentLogger,
        consumer: { sessionTimeout: 6_000, heartbeatInterval: 500, maxWaitTime: 500 },
      });
    return { bus: await open(), reopen: open };
  },
});
