import { Gauge, type EventBus, type OutboxRelay, type Registry } from '@emporium/kit';

/** Outbox backlog, consumer lag and dead letters, read when Prometheus scrapes. */
export function registerBusMetrics(registry: Registry, relay: OutboxRelay, bus: EventBus): void {
  new Gauge({
    name: 'outbox_pending_events',
    help: 'Events committed but not yet published',
    registers: [registry],
    async collect() {
      this.set(await relay.pending());
    },
  });
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
