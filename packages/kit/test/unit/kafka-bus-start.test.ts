import { once } from 'node:events';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { keepTrying } from '../../src/events/kafka/keep-trying.ts';
import { KafkaEventBus } from '../../src/events/kafka/kafka-bus.ts';
import { instantClock, silentLogger } from '../../src/testing/index.ts';

/** A loopback port nothing listens on: every connection to it is refused. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** A logger that keeps the `msg` of every warning. */
function recordingLogger() {
  const warnings: string[] = [];
  const logger = pino(
    { level: 'warn' },
    { write: (line: string) => void warnings.push((JSON.parse(line) as { msg: string }).msg) },
  );
  return { logger, warnings };
}

async function until(condition: () => boolean, limitMs = 20_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${limitMs} ms`);
    await sleep(20);
  }
}

describe('keepTrying', () => {
  it('when an attempt fails twice, then it is retried until it succeeds and each failure is logged', async () => {
    const { logger, warnings } = recordingLogger();
    let calls = 0;
    const done = await keepTrying(
      'joining',
      async () => {
        if (++calls < 3) throw new Error(`refused ${calls}`);
      },
      { signal: new AbortController().signal, logger, firstDelayMs: 1 },
    );
    expect({ done, calls }).toEqual({ done: true, calls: 3 });
    expect(warnings).toEqual(['joining failed; retrying', 'joining failed; retrying']);
  });

  it('when the signal aborts while waiting to retry, then it stops and answers false', async () => {
    const abort = new AbortController();
    let calls = 0;
    const attempts = keepTrying(
      'joining',
      async () => {
        calls++;
        abort.abort();
        throw new Error('refused');
      },
      { signal: abort.signal, logger: silentLogger, firstDelayMs: 60_000 },
    );
    expect(await attempts).toBe(false);
    expect(calls).toBe(1);
  });
});

describe('the Kafka event bus when its broker is unreachable at start', () => {
  it('when the broker refuses connections, then start keeps trying instead of failing for good, and close ends it', async () => {
    const { logger, warnings } = recordingLogger();
    const bus = await KafkaEventBus.open({
      brokers: [`127.0.0.1:${await closedPort()}`],
      path: ':memory:',
      clock: instantClock(),
      logger,
    });
    bus.subscribe({ group: 'g', topics: ['product'], handle: async () => undefined });
    let outcome: 'pending' | 'resolved' | 'rejected' = 'pending';
    const started = bus.start().then(
      () => void (outcome = 'resolved'),
      () => void (outcome = 'rejected'),
    );

    await until(() => warnings.filter((msg) => msg.endsWith('failed; retrying')).length >= 2);
    expect(outcome).toBe('pending');

    await bus.close();
    await started;
    expect(outcome).toBe('resolved');
  });
});
