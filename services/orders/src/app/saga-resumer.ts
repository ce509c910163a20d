import type { Logger } from '@emporium/kit';
import type { OrdersDeps } from './deps.ts';
import { Repeating } from './repeating.ts';
import type { SagaRunner } from './saga-runner.ts';

const BATCH = 50;

/**
 * Goes on with every saga nobody is running (its lease ran out: the process that ran it
 * died, or a step failed for now): once at start, then every `intervalMs` by the injected
 * clock. `pass()` is what tests call.
 */
export class SagaResumer {
  private readonly deps: Pick<OrdersDeps, 'store' | 'clock'>;
  private readonly runner: SagaRunner;
  private readonly logger: Logger;
  private readonly repeating: Repeating;

  constructor(options: {
    deps: Pick<OrdersDeps, 'store' | 'clock'>;
    runner: SagaRunner;
    logger: Logger;
    intervalMs: number;
  }) {
    this.deps = options.deps;
    this.runner = options.runner;
    this.logger = options.logger;
    this.repeating = new Repeating({
      clock: options.deps.clock,
      intervalMs: options.intervalMs,
      run: async () => {
        const ran = await this.pass();
        if (ran > 0) this.logger.info({ sagas: ran }, 'resumed unfinished sagas');
      },
      onError: (error) => this.logger.error({ err: error }, 'looking for unfinished sagas failed'),
    });
  }

  start(): void {
    this.repeating.start();
  }

  stop(): Promise<void> {
    return this.repeating.stop();
  }

  /** Runs every saga that is due now (in batches); returns how many it ran. */
  async pass(): Promise<number> {
    let ran = 0;
    const seen = new Set<string>();
    for (let round = 0; round < 100 && !this.repeating.signal.aborted; round += 1) {
      const due = (await this.deps.store.unfinished(this.deps.clock.now(), BATCH)).filter(
        (id) => !seen.has(id),
      );
      for (const id of due) {
        if (this.repeating.signal.aborted) break;
        seen.add(id);
        try {
          await this.runner.run(id);
          ran += 1;
        } catch (error) {
          this.logger.error({ err: error, orderId: id }, 'resuming a saga failed');
        }
      }
      if (due.length < BATCH) break;
    }
    return ran;
  }
}
