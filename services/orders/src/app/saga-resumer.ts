import type { Logger } from '@emporium/kit';
import type { OrdersDeps } from './deps.ts';
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
  private readonly intervalMs: number;
  private readonly stopped = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(options: {
    deps: Pick<OrdersDeps, 'store' | 'clock'>;
    runner: SagaRunner;
    logger: Logger;
    intervalMs: number;
  }) {
    this.deps = options.deps;
    this.runner = options.runner;
    this.logger = options.logger;
    this.intervalMs = options.intervalMs;
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped.abort();
    await this.loop;
  }

  /** Runs every saga that is due now (in batches); returns how many it ran. */
  async pass(): Promise<number> {
    let ran = 0;
    const seen = new Set<string>();
    for (let round = 0; round < 100 && !this.stopped.signal.aborted; round += 1) {
      const due = (await this.deps.store.unfinished(this.deps.clock.now(), BATCH)).filter(
        (id) => !seen.has(id),
      );
      for (const id of due) {
        if (this.stopped.signal.aborted) break;
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

  private async run(): Promise<void> {
    while (!this.stopped.signal.aborted) {
      try {
        const ran = await this.pass();
        if (ran > 0) this.logger.info({ sagas: ran }, 'resumed unfinished sagas');
      } catch (error) {
        this.logger.error({ err: error }, 'looking for unfinished sagas failed');
      }
      await this.deps.clock.sleep(this.intervalMs, this.stopped.signal);
    }
  }
}
