import { Gauge, type Registry } from 'prom-client';
import type { EventBus } from '../events/event-bus.ts';
import type { OutboxRelay } from '../events/outbox-relay.ts';

/** Outbox backlog, consumer lag and dead letters, read when Prometheus scrapes. */
export function registerBusMetrics(
  registry: Registry,
  bus: EventBus,
  relay: OutboxRelay | undefined,
): void {
  if (relay) registerOutboxBacklog(registry, relay);
  registerConsumerStats(registry, bus);
}

function registerOutboxBacklog(registry: Registry, relay: OutboxRelay): void {
  new Gauge({
    name: 'outbox_pending_events',
    help: 'Events committed but not yet published',
    registers: [registry],
    async collect() {
      this.set(await relay.pending());
    },
  });
}

function registerConsumerStats(registry: Registry, bus: EventBus): void {
  // Registered after the lag gauge, whose collect fills it, so a scrape reads fresh values.
  const deadLetters = new Gauge({
    name: 'event_dead_letters',
    help: 'Events that exhausted their retries and wait for a redrive',
    registers: [],
  });
  new Gauge({
    name: 'event_consumer_lag',
    help: 'Events published but not yet handled, per consumer group',
    labelNames: ['group'],
    registers: [registry],
    async collect() {
      const stats = await bus.stats();
      for (const [group, value] of Object.entries(stats.lag)) this.set({ group }, value);
      deadLetters.set(stats.deadLetters);
    },
  });
  registry.registerMetric(deadLetters);
}
