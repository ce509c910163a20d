/** One process the supervisor keeps running. */
export interface ProcessSpec {
  name: string;
  /** Executable and arguments. */
  command: string;
  args: readonly string[];
  env: Record<string, string | undefined>;
}

/** What the supervisor needs of a running child (node's ChildProcess, or a test double). */
export interface SupervisedChild {
  kill(signal: NodeJS.Signals): void;
  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
}

export type Spawner = (spec: ProcessSpec) => SupervisedChild;

/** Time as the supervisor sees it: injected, so tests drive it without waiting. */
export interface SupervisorTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface Backoff {
  initialMs: number;
  maxMs: number;
  /** A process that stayed up this long starts again from `initialMs` after its next death. */
  resetAfterMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 500, maxMs: 10_000, resetAfterMs: 30_000 };

export interface SupervisorOptions {
  spawn: Spawner;
  timers: SupervisorTimers;
  log: (line: string) => void;
  backoff?: Backoff;
  /** After SIGTERM, how long a child may take before it gets SIGKILL. */
  stopGraceMs?: number;
}

interface Slot {
  spec: ProcessSpec;
  child: SupervisedChild | undefined;
  startedAt: number;
  /** Consecutive short-lived runs: the exponent of the next delay. */
  failures: number;
  restart: unknown;
  exited: (() => void) | undefined;
}

/**
 * Keeps a set of processes running: one that dies is started again after a delay that
 * doubles per consecutive death (0.5 s → 10 s) and resets once it stayed up a while,
 * while the others keep running. `stop()` ends them all and restarts none.
 */
export class Supervisor {
  private readonly options: Required<SupervisorOptions>;
  private readonly slots: Slot[] = [];
  private stopping = false;

  constructor(options: SupervisorOptions) {
    this.options = { backoff: DEFAULT_BACKOFF, stopGraceMs: 12_000, ...options };
  }

  start(specs: readonly ProcessSpec[]): void {
    for (const spec of specs) {
      const slot: Slot = {
        spec,
        child: undefined,
        startedAt: 0,
        failures: 0,
        restart: undefined,
        exited: undefined,
      };
      this.slots.push(slot);
      this.launch(slot);
    }
  }

  /** The delay before the next start of a process that died now. */
  private delayFor(slot: Slot): number {
    const { initialMs, maxMs, resetAfterMs } = this.options.backoff;
    if (this.options.timers.now() - slot.startedAt >= resetAfterMs) slot.failures = 0;
    const delay = Math.min(initialMs * 2 ** slot.failures, maxMs);
    slot.failures += 1;
    return delay;
  }

  private launch(slot: Slot): void {
    slot.restart = undefined;
    slot.startedAt = this.options.timers.now();
    const child = this.options.spawn(slot.spec);
    slot.child = child;
    child.onExit((code, signal) => this.onExit(slot, child, signal ?? code));
  }

  private onExit(slot: Slot, child: SupervisedChild, reason: number | string | null): void {
    if (slot.child !== child) return;
    slot.child = undefined;
    if (this.stopping) {
      slot.exited?.();
      return;
    }
    const delay = this.delayFor(slot);
    this.options.log(`${slot.spec.name} exited (${reason}); restarting in ${delay} ms`);
    slot.restart = this.options.timers.setTimeout(() => this.launch(slot), delay);
  }

  /** SIGTERM to every child (SIGKILL after the grace period); resolves once all exited. */
  async stop(): Promise<void> {
    this.stopping = true;
    const { timers, stopGraceMs } = this.options;
    await Promise.all(
      this.slots.map((slot) => {
        if (slot.restart !== undefined) timers.clearTimeout(slot.restart);
        const child = slot.child;
        if (!child) return Promise.resolve();
        return new Promise<void>((done) => {
          const force = timers.setTimeout(() => child.kill('SIGKILL'), stopGraceMs);
          slot.exited = () => {
            timers.clearTimeout(force);
            done();
          };
          child.kill('SIGTERM');
        });
      }),
    );
  }
}
