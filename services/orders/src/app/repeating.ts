import type { Clock } from '@emporium/kit';

/**
 * Runs `run` once at start and then every `intervalMs` by the injected clock, until
 * stopped; a failed run goes to `onError` and the next one comes as planned. `signal`
 * lets a long run end early when stopped.
 */
export class Repeating {
  private readonly options: {
    clock: Clock;
    intervalMs: number;
    run: () => Promise<void>;
    onError: (error: unknown) => void;
  };
  private readonly stopped = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(options: Repeating['options']) {
    this.options = options;
  }

  get signal(): AbortSignal {
    return this.stopped.signal;
  }

  start(): void {
    this.loop ??= this.repeat();
  }

  async stop(): Promise<void> {
    this.stopped.abort();
    await this.loop;
  }

  private async repeat(): Promise<void> {
    while (!this.stopped.signal.aborted) {
      try {
        await this.options.run();
      } catch (error) {
        this.options.onError(error);
      }
      await this.options.clock.sleep(this.options.intervalMs, this.stopped.signal);
    }
  }
}
