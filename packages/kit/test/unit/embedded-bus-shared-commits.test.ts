import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StatementSync } from 'node:sqlite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEvent, type CloudEvent } from '../../src/events/cloud-event.ts';
import { EmbeddedEventBus } from '../../src/events/embedded-bus.ts';
import { instantClock, silentLogger } from '../../src/testing/index.ts';

const event = (n: number): CloudEvent =>
  createEvent({
    source: 'catalog',
    type: 'catalog.product.updated',
    subject: `prd_${n}`,
    data: { n },
  });

/** Transactions begun on any SQLite handle while `work` runs (node:sqlite statements by their SQL). */
async function transactionsDuring(work: () => Promise<void>): Promise<number> {
  let begun = 0;
  const run = StatementSync.prototype.run;
  const spy = vi.spyOn(StatementSync.prototype, 'run').mockImplementation(function (
    this: StatementSync,
    ...args: Parameters<StatementSync['run']>
  ) {
    if (/^\s*begin/i.test(this.sourceSQL)) begun += 1;
    return run.apply(this, args);
  });
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  return begun;
}

describe('the embedded bus writes of one turn (ADR 0037)', () => {
  const buses: EmbeddedEventBus[] = [];
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
  });

  it('when several publishers append in the same turn, then one transaction holds them all, in order, and every group gets each event once', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'bus-shared-')), 'bus.sqlite');
    const bus = await EmbeddedEventBus.open({
      path,
      clock: instantClock(),
      logger: silentLogger,
      pollIntervalMs: 60_000,
    });
    buses.push(bus);
    const seen: Record<string, number[]> = { a: [], b: [], c: [] };
    for (const name of Object.keys(seen))
      bus.subscribe({
        group: `test.${name}`,
        topics: ['catalog.product'],
        handle: async (delivered) => void seen[name]!.push((delivered.data as { n: number }).n),
      });
    await bus.start();
    await bus.drain();

    const appends = await transactionsDuring(async () => {
      await Promise.all([0, 1, 2, 3, 4].map((n) => bus.publish([event(n)])));
    });
    expect(appends).toBe(1);
    await bus.drain();
    for (const name of Object.keys(seen)) expect(seen[name]).toEqual([0, 1, 2, 3, 4]);

    // A restart redelivers nothing: every group's offset was committed.
    await bus.close();
    buses.pop();
    const again = await EmbeddedEventBus.open({
      path,
      clock: instantClock(),
      logger: silentLogger,
      pollIntervalMs: 60_000,
    });
    buses.push(again);
    const redelivered: number[] = [];
    for (const name of Object.keys(seen))
      again.subscribe({
        group: `test.${name}`,
        topics: ['catalog.product'],
        handle: async (delivered) => void redelivered.push((delivered.data as { n: number }).n),
      });
    await again.start();
    await again.drain();
    expect(redelivered).toEqual([]);
  });

  it('when three groups are woken by one append, then their offset commits share transactions', async () => {
    const bus = await EmbeddedEventBus.open({
      path: join(mkdtempSync(join(tmpdir(), 'bus-shared-')), 'bus.sqlite'),
      clock: instantClock(),
      logger: silentLogger,
      pollIntervalMs: 60_000,
    });
    buses.push(bus);
    let handled = 0;
    for (const name of ['a', 'b', 'c'])
      bus.subscribe({
        group: `test.${name}`,
        topics: ['catalog.product'],
        handle: async () => void (handled += 1),
      });
    await bus.start();
    await bus.drain();
    await bus.publish([event(1)]);
    const commits = await transactionsDuring(() => bus.drain());
    expect(handled).toBe(3);
    // The first commit starts at once; the two that queue while it is written go together.
    expect(commits).toBeLessThan(3);
  });
});
