import { describe, expect, it } from 'vitest';
import { Type } from 'typebox';
import {
  CommonConfig,
  ConfigError,
  PortSchema,
  createEvent,
  defineService,
  startService,
  type CloudEvent,
  type EventBus,
  type OutboxStore,
  type PendingEvent,
  type Subscription,
} from '../../src/index.ts';
import { eventually, silentLogger } from '../../src/testing/index.ts';

/** A bus shared by the caller (as in embedded mode): it records what the host does with it. */
function recordingBus(steps: string[]): EventBus & { published: CloudEvent[] } {
  const published: CloudEvent[] = [];
  return {
    published,
    publish: async (events) => void published.push(...events),
    subscribe: (subscription: Subscription) => void steps.push(`subscribe ${subscription.group}`),
    start: async () => void steps.push('bus.start'),
    listDeadLetters: async () => ({ items: [], nextCursor: null }),
    redrive: async () => {
      throw new Error('no dead letters here');
    },
    stats: async () => ({ lag: {}, deadLetters: 0 }),
    drain: async () => undefined,
    close: async () => void steps.push('bus.close'),
  };
}

/** An outbox in memory that records the relay's reads (claims) as `outbox.pending`. */
function memoryOutbox(steps: string[]): OutboxStore & { append(event: CloudEvent): void } {
  const rows: PendingEvent[] = [];
  return {
    append: (event) => void rows.push({ id: event.id, event }),
    claim: async ({ limit }) => {
      steps.push('outbox.pending');
      return rows.slice(0, limit);
    },
    pending: async (limit) => rows.slice(0, limit),
    markPublished: async (_owner, ids) => void rows.splice(0, ids.length),
    markFailed: async () => undefined,
    pendingCount: async () => rows.length,
    find: async () => undefined,
  };
}

const Schema = Type.Object({
  ...CommonConfig,
  PROBE_PORT: PortSchema(0, 'Port of the probe service'),
  PROBE_STRICT: Type.Boolean({ default: false, description: 'Refuse to start outside embedded' }),
});

function probeService(steps: string[]) {
  return defineService({
    name: 'probe',
    description: 'A service that records what the host asks of it',
    config: Schema,
    portVariable: 'PROBE_PORT',
    checkConfig(config, mode) {
      if (config.PROBE_STRICT && mode !== 'embedded')
        throw new ConfigError([`PROBE_STRICT: not in ${mode} mode`]);
    },
    async stores({ commits }) {
      steps.push('stores');
      const outbox = memoryOutbox(steps);
      return {
        outbox,
        /** A use case's write: the row commits, then the signal wakes the relay. */
        write(subject: string) {
          outbox.append(
            createEvent({ source: 'probe', type: 'probe.thing.made', subject, data: {} }),
          );
          commits.notify();
        },
        readiness: [{ name: 'memory', check: () => undefined }],
        close: async () => void steps.push('stores.close'),
      };
    },
    consumers() {
      steps.push('consumers');
      return [{ group: 'probe.watcher', topics: ['probe.thing'], handle: async () => undefined }];
    },
    async start() {
      steps.push('start');
    },
    routes(app, _context, stores) {
      steps.push('routes');
      app.post('/things/:id', async (request) => {
        stores.write((request.params as { id: string }).id);
        return { ok: true };
      });
    },
  });
}

describe('the service host', () => {
  it('when a service starts, then stores, consumers, start hook and routes run in that order, and health, metrics and dead letters are added', async () => {
    const steps: string[] = [];
    const bus = recordingBus(steps);
    const service = await startService(probeService(steps), {
      env: { LOG_LEVEL: 'silent' },
      logger: silentLogger,
      bus,
      processMetrics: false,
    });
    try {
      expect(steps.filter((step) => step !== 'outbox.pending')).toEqual([
        'stores',
        'consumers',
        'subscribe probe.watcher',
        'start',
        'routes',
      ]);
      expect((await service.app.inject({ url: '/health/ready' })).json()).toMatchObject({
        status: 'ok',
        checks: [{ name: 'memory', status: 'ok' }],
      });
      const metrics = (await service.app.inject({ url: '/metrics' })).body;
      expect(metrics).toContain('outbox_pending_events');
      expect(metrics).toContain('event_consumer_lag');
      expect((await service.app.inject({ url: '/admin/dead-letters' })).statusCode).toBe(401);
    } finally {
      await service.close();
    }
  });

  it('when a use case commits, then the commit signal wakes the relay and the event reaches the bus', async () => {
    const steps: string[] = [];
    const bus = recordingBus(steps);
    const service = await startService(probeService(steps), {
      env: { LOG_LEVEL: 'silent' },
      logger: silentLogger,
      bus,
      processMetrics: false,
    });
    try {
      await service.app.inject({ method: 'POST', url: '/things/t1' });
      // Without the signal the relay would only look again after its 1 s poll.
      await eventually(() => bus.published.length === 1, 500);
      expect(bus.published[0]).toMatchObject({ type: 'probe.thing.made', subject: 't1' });
    } finally {
      await service.close();
    }
  });

  it('when it stops, then HTTP closes first, the relay flushes, and the stores close last; a shared bus stays open', async () => {
    const steps: string[] = [];
    const bus = recordingBus(steps);
    const service = await startService(probeService(steps), {
      env: { LOG_LEVEL: 'silent' },
      logger: silentLogger,
      bus,
      processMetrics: false,
    });
    await service.app.inject({ method: 'POST', url: '/things/t2' });
    steps.length = 0;
    await service.close();
    expect(service.app.server.listening).toBe(false);
    expect(steps.at(-1)).toBe('stores.close');
    expect(steps).toContain('outbox.pending');
    expect(steps).not.toContain('bus.close');
    expect(steps).not.toContain('bus.start');
  });

  it('when a rule of checkConfig fails, then nothing is opened and the error names the variable', async () => {
    const steps: string[] = [];
    await expect(
      startService(probeService(steps), {
        env: { LOG_LEVEL: 'silent', PROBE_STRICT: 'true', EMPORIUM_MODE: 'production' },
        logger: silentLogger,
        bus: recordingBus(steps),
      }),
    ).rejects.toThrow(/PROBE_STRICT: not in production mode/);
    expect(steps).toEqual([]);
  });

  it('when the start hook fails, then the stores are closed again', async () => {
    const steps: string[] = [];
    const failing = {
      ...probeService(steps),
      start: async () => Promise.reject(new Error('boom')),
    };
    await expect(
      startService(failing, {
        env: { LOG_LEVEL: 'silent' },
        logger: silentLogger,
        bus: recordingBus(steps),
      }),
    ).rejects.toThrow('boom');
    expect(steps.at(-1)).toBe('stores.close');
  });
});
