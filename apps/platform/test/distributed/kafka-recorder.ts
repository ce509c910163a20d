import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Consumer, stringDeserializers } from '@platformatic/kafka';
import { brokers } from './harness.ts';

export interface SeenEvent {
  id: string;
  type: string;
  subject: string;
}

/**
 * Reads `topic` from its beginning in a fresh consumer group until `complete(events)`
 * holds and every partition has been read to its end (so a late duplicate is seen too).
 */
export async function readTopic(
  topic: string,
  complete: (events: SeenEvent[]) => boolean,
  timeoutMs: number,
): Promise<SeenEvent[]> {
  const consumer = new Consumer({
    clientId: 'distributed-test',
    groupId: `test.recorder-${randomUUID()}`,
    bootstrapBrokers: [brokers],
    deserializers: stringDeserializers,
    sessionTimeout: 6_000,
    heartbeatInterval: 500,
    maxWaitTime: 500,
  });
  const events: SeenEvent[] = [];
  const next = new Map<number, bigint>();
  const stream = await consumer.consume({ topics: [topic], mode: 'earliest', autocommit: false });
  stream.on('error', () => undefined);
  stream.on('data', (message) => {
    const header = (name: string) => message.headers.get(name) ?? '';
    events.push({ id: header('ce_id'), type: header('ce_type'), subject: header('ce_subject') });
    next.set(message.partition, message.offset + 1n);
  });
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (complete(events)) {
        const ends = (await consumer.listOffsets({ topics: [topic] })).get(topic) ?? [];
        if (ends.every((end, partition) => (next.get(partition) ?? 0n) >= end)) return events;
      }
      if (Date.now() > deadline)
        throw new Error(`${topic}: incomplete after ${timeoutMs} ms (${events.length} events)`);
      await delay(100);
    }
  } finally {
    await stream.close().catch(() => undefined);
    await consumer.close().catch(() => undefined);
  }
}

/** Distinct ids of the `catalog.product.created` events of one product. */
export function createdIds(events: SeenEvent[], productId: string): Set<string> {
  return new Set(
    events
      .filter((event) => event.subject === productId && event.type === 'catalog.product.created')
      .map((event) => event.id),
  );
}
