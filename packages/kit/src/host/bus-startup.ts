import type { EventBus } from '../events/event-bus.ts';
import type { ReadinessCheck } from '../http/health.ts';
import type { Logger } from '../observability/logger.ts';

/**
 * Starts a service's own bus without holding up its port: after a crash, Kafka lets the
 * new member join its groups only once the dead one's session expired (seconds), and the
 * service can answer requests meanwhile. /health/ready reports "not ready" until the
 * consumers run, and the error if they could not start.
 */
export class BusStartup {
  private state: 'idle' | 'starting' | 'started' | Error = 'idle';
  private running: Promise<void> = Promise.resolve();

  begin(bus: EventBus, logger: Logger): void {
    this.state = 'starting';
    this.running = bus.start().then(
      () => void (this.state = 'started'),
      (error: unknown) => {
        this.state = error instanceof Error ? error : new Error(String(error));
        logger.error({ err: error }, 'the event bus could not start; consumers are not running');
      },
    );
  }

  /** Resolves once the start has succeeded or failed (close waits for it). */
  settled(): Promise<void> {
    return this.running;
  }

  readonly readiness: ReadinessCheck = {
    name: 'event-bus',
    check: () => {
      if (this.state instanceof Error) throw this.state;
      if (this.state === 'starting') throw new Error('the consumers are still joining');
    },
  };
}
