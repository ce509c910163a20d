import { describe, expect, it } from 'vitest';
import {
  Supervisor,
  type ProcessSpec,
  type SupervisedChild,
  type SupervisorTimers,
} from '../src/supervisor.ts';

/** Timers on a hand-moved clock: `advance` fires what falls due, in order. */
function manualTimers(): SupervisorTimers & { advance(ms: number): void; pending(): number } {
  let now = 0;
  let nextId = 0;
  const due = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => now,
    setTimeout(callback, ms) {
      nextId += 1;
      due.set(nextId, { at: now + ms, callback });
      return nextId;
    },
    clearTimeout: (handle) => void due.delete(handle as number),
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const next = [...due.entries()]
          .filter(([, timer]) => timer.at <= until)
          .sort((a, b) => a[1].at - b[1].at)[0];
        if (!next) break;
        due.delete(next[0]);
        now = next[1].at;
        next[1].callback();
      }
      now = until;
    },
    pending: () => due.size,
  };
}

class FakeChild implements SupervisedChild {
  readonly signals: string[] = [];
  private listener: ((code: number | null, signal: NodeJS.Signals | null) => void) | undefined;
  /** Whether SIGTERM makes it exit (a hung process ignores it). */
  private readonly obeysTerm: boolean;

  constructor(obeysTerm = true) {
    this.obeysTerm = obeysTerm;
  }

  kill(signal: NodeJS.Signals): void {
    this.signals.push(signal);
    if (signal === 'SIGKILL' || this.obeysTerm) this.die(null, signal);
  }

  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void {
    this.listener = listener;
  }

  die(code: number | null, signal: NodeJS.Signals | null = null): void {
    const listener = this.listener;
    this.listener = undefined;
    listener?.(code, signal);
  }
}

function setUp(options: { obeysTerm?: boolean } = {}) {
  const timers = manualTimers();
  const spawned: { name: string; child: FakeChild }[] = [];
  const lines: string[] = [];
  const supervisor = new Supervisor({
    timers,
    log: (line) => lines.push(line),
    spawn: (spec) => {
      const child = new FakeChild(options.obeysTerm ?? true);
      spawned.push({ name: spec.name, child });
      return child;
    },
  });
  const spec = (name: string): ProcessSpec => ({ name, command: 'node', args: [], env: {} });
  supervisor.start([spec('accounts'), spec('catalog'), spec('gateway')]);
  const latest = (name: string) => spawned.filter((entry) => entry.name === name).at(-1)!.child;
  const starts = (name: string) => spawned.filter((entry) => entry.name === name).length;
  return { timers, supervisor, lines, latest, starts };
}

describe('the process supervisor of start:distributed', () => {
  it('when a service dies, then only it is started again, after 0.5 s', () => {
    const { timers, latest, starts, lines } = setUp();
    const gateway = latest('gateway');
    latest('catalog').die(null, 'SIGKILL');
    timers.advance(499);
    expect(starts('catalog')).toBe(1);
    timers.advance(1);
    expect(starts('catalog')).toBe(2);
    expect(starts('gateway')).toBe(1);
    expect(gateway.signals).toEqual([]);
    expect(lines).toEqual(['catalog exited (SIGKILL); restarting in 500 ms']);
  });

  it('when a service keeps dying at once, then the delay doubles up to 10 s', () => {
    const { timers, latest, lines } = setUp();
    for (let death = 0; death < 7; death += 1) {
      latest('catalog').die(1);
      timers.advance(10_000);
    }
    expect(lines.map((line) => Number(/in (\d+) ms/.exec(line)![1]))).toEqual([
      500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000,
    ]);
  });

  it('when a service stayed up 30 s before dying, then its delay starts again from 0.5 s', () => {
    const { timers, latest, lines } = setUp();
    for (let death = 0; death < 3; death += 1) {
      latest('catalog').die(1);
      timers.advance(10_000);
    }
    timers.advance(30_000);
    latest('catalog').die(1);
    expect(lines.at(-1)).toBe('catalog exited (1); restarting in 500 ms');
  });

  it('when stopped, then every child gets SIGTERM and none is restarted, not even one waiting', async () => {
    const { timers, supervisor, latest, starts } = setUp();
    latest('catalog').die(1);
    await supervisor.stop();
    expect(latest('accounts').signals).toEqual(['SIGTERM']);
    expect(latest('gateway').signals).toEqual(['SIGTERM']);
    timers.advance(60_000);
    expect(starts('catalog')).toBe(1);
    expect(timers.pending()).toBe(0);
  });

  it('when a child ignores SIGTERM, then it gets SIGKILL after the grace period', async () => {
    const { timers, supervisor, latest } = setUp({ obeysTerm: false });
    const stopped = supervisor.stop();
    timers.advance(11_999);
    expect(latest('catalog').signals).toEqual(['SIGTERM']);
    timers.advance(1);
    await stopped;
    expect(latest('catalog').signals).toEqual(['SIGTERM', 'SIGKILL']);
  });
});
