import { describe, expect, it } from 'vitest';
import {
  StockStreamHub,
  type StreamLevel,
  type StockStreamHubOptions,
  type StreamFrame,
  type StreamSink,
} from '../../src/app/stream/stock-stream-hub.ts';
import { ManualClock } from '@emporium/kit/testing';

function level(sku: string, available: number, version = 1): StreamLevel {
  return { sku, onHand: available, reserved: 0, available, version, at: '2026-12-01T12:00:00Z' };
}

/** A sink that records frames and accepts `room` of them before it reports back-pressure. */
function recordingSink(room = Number.POSITIVE_INFINITY) {
  const frames: StreamFrame[] = [];
  const ended: string[] = [];
  const sink: StreamSink = {
    write(frame) {
      frames.push(frame);
      return frames.length <= room;
    },
    end(reason) {
      ended.push(reason);
    },
  };
  return {
    sink,
    frames,
    ended,
    skus: () => frames.flatMap((f) => (f.kind === 'stock' ? [f.level.sku] : [])),
  };
}

function hubWith(overrides: Partial<StockStreamHubOptions> = {}) {
  const clock = new ManualClock();
  const current = new Map<string, StreamLevel>([
    ['A', level('A', 7, 3)],
    ['B', level('B', 0, 2)],
  ]);
  const hub = new StockStreamHub({
    clock,
    levels: async (skus) => skus.flatMap((sku) => current.get(sku) ?? []),
    heartbeatMs: 15_000,
    maxClients: 10,
    bufferSize: 100,
    epoch: 'e1',
    ...overrides,
  });
  return { hub, clock };
}

/** Moves the clock, then lets the woken heartbeat loop run. */
async function advance(clock: ManualClock, ms: number): Promise<void> {
  clock.advance(ms);
  for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
}

describe('StockStreamHub', () => {
  it('when a change is published, then every client whose filter matches receives it with an id', async () => {
    const { hub } = hubWith();
    const all = recordingSink();
    const onlyB = recordingSink();
    await hub.open({ sink: all.sink });
    await hub.open({ sink: onlyB.sink, skus: ['B'] });

    hub.publish(level('A', 5, 4));
    hub.publish(level('B', 1, 3));

    expect(all.frames).toEqual([
      { kind: 'stock', id: 'e1.1', level: level('A', 5, 4) },
      { kind: 'stock', id: 'e1.2', level: level('B', 1, 3) },
    ]);
    expect(onlyB.skus()).toEqual(['B']);
  });

  it('when a client resumes from an id still buffered, then it gets exactly the changes it missed', async () => {
    const { hub } = hubWith();
    hub.publish(level('A', 6, 4));
    hub.publish(level('B', 2, 3));
    hub.publish(level('A', 5, 5));
    const client = recordingSink();

    await hub.open({ sink: client.sink, skus: ['A'], lastEventId: 'e1.1' });

    expect(client.frames).toEqual([{ kind: 'stock', id: 'e1.3', level: level('A', 5, 5) }]);
  });

  it('when the resume id is from another replica or evicted, then the current levels of the filtered SKUs come first', async () => {
    const { hub } = hubWith({ bufferSize: 2 });
    for (let version = 4; version < 8; version++) hub.publish(level('C', version, version));
    const foreign = recordingSink();
    const evicted = recordingSink();

    await hub.open({ sink: foreign.sink, skus: ['A', 'B'], lastEventId: 'other.9' });
    await hub.open({ sink: evicted.sink, skus: ['A'], lastEventId: 'e1.1' });

    expect(foreign.frames).toEqual([
      { kind: 'stock', id: 'e1.4', level: level('A', 7, 3) },
      { kind: 'stock', id: 'e1.4', level: level('B', 0, 2) },
    ]);
    expect(evicted.skus()).toEqual(['A']);
  });

  it('when an unfiltered client cannot be replayed, then it gets a reset', async () => {
    const { hub } = hubWith();
    const client = recordingSink();

    await hub.open({ sink: client.sink, lastEventId: 'nonsense' });

    expect(client.frames).toEqual([{ kind: 'reset', id: 'e1.0' }]);
  });

  it('when a change arrives while the current levels are read, then it follows them in order', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { hub } = hubWith({
      levels: async () => {
        await gate;
        return [level('A', 7, 3)];
      },
    });
    const client = recordingSink();
    const opening = hub.open({ sink: client.sink, skus: ['A'], lastEventId: 'x.1' });
    hub.publish(level('A', 6, 4));
    release();
    await opening;

    expect(client.frames.map((f) => (f.kind === 'stock' ? f.level.version : f.kind))).toEqual([
      3, 4,
    ]);
  });

  it('when the heartbeat interval passes on the clock, then every client gets a heartbeat', async () => {
    const { hub, clock } = hubWith();
    const client = recordingSink();
    await hub.open({ sink: client.sink });

    await advance(clock, 14_999);
    expect(client.frames).toEqual([]);
    await advance(clock, 1);
    await advance(clock, 15_000);

    expect(client.frames).toEqual([{ kind: 'heartbeat' }, { kind: 'heartbeat' }]);
  });

  it('when a client stops reading, then it is dropped as slow and others keep receiving', async () => {
    const { hub } = hubWith();
    const slow = recordingSink(1);
    const fast = recordingSink();
    await hub.open({ sink: slow.sink });
    await hub.open({ sink: fast.sink });

    for (let version = 1; version <= 3; version++) hub.publish(level('A', version, version));

    expect(slow.ended).toEqual(['slow']);
    expect(slow.frames).toHaveLength(2);
    expect(fast.frames).toHaveLength(3);
    expect(hub.size).toBe(1);
  });

  it('when the maximum of clients is open, then another is refused until one closes', async () => {
    const { hub } = hubWith({ maxClients: 1 });
    const first = await hub.open({ sink: recordingSink().sink });

    expect(await hub.open({ sink: recordingSink().sink })).toEqual({
      opened: false,
      reason: 'full',
    });
    if (first.opened) first.close();
    expect((await hub.open({ sink: recordingSink().sink })).opened).toBe(true);
  });

  it('when the hub closes, then every stream ends and new ones are refused', async () => {
    const { hub, clock } = hubWith();
    const a = recordingSink();
    const b = recordingSink();
    await hub.open({ sink: a.sink });
    await hub.open({ sink: b.sink });

    hub.close();
    hub.publish(level('A', 1, 9));
    await advance(clock, 60_000);

    expect([a.ended, b.ended]).toEqual([['closed'], ['closed']]);
    expect([a.frames, b.frames]).toEqual([[], []]);
    expect((await hub.open({ sink: recordingSink().sink })).opened).toBe(false);
  });
});
