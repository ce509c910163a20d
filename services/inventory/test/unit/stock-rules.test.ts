import { describe, expect, it } from 'vitest';
import { allocate, consume, mergeItems, unreserve } from '../../src/domain/reservation.ts';
import {
  adjustOnHand,
  emptyStock,
  setOnHand,
  totalsOf,
  withLocations,
  type StockRecord,
} from '../../src/domain/stock.ts';

const LOCATIONS = ['wh-east', 'wh-west', 'wh-north'];
const at = Date.parse('2026-12-01T00:00:00Z');

function stocked(onHand: number[], extra: Partial<StockRecord> = {}): StockRecord {
  const base = emptyStock('SKU-1', LOCATIONS);
  return {
    ...base,
    locations: base.locations.map((entry, i) => ({ ...entry, onHand: onHand[i] ?? 0 })),
    version: 1,
    ...extra,
  };
}

describe('allocation across locations', () => {
  it('when the first location has enough, then it gives everything', () => {
    expect(allocate(stocked([5, 5, 5]), 4)!.allocations).toEqual([
      { sku: 'SKU-1', location: 'wh-east', quantity: 4 },
    ]);
  });

  it('when the first runs out, then the next in order fills the rest, skipping empty ones', () => {
    const record = stocked([2, 0, 5]);
    record.locations[0]!.reserved = 1;
    expect(allocate(record, 4)!.allocations).toEqual([
      { sku: 'SKU-1', location: 'wh-east', quantity: 1 },
      { sku: 'SKU-1', location: 'wh-north', quantity: 3 },
    ]);
  });

  it('when stock is short but the backorder allowance covers it, then the rest is reserved at the first location', () => {
    const allocated = allocate(stocked([1, 1, 0], { backorderLimit: 3 }), 4)!;
    expect(allocated.allocations).toEqual([
      { sku: 'SKU-1', location: 'wh-east', quantity: 3 },
      { sku: 'SKU-1', location: 'wh-west', quantity: 1 },
    ]);
    expect(
      totalsOf({ ...stocked([1, 1, 0], { backorderLimit: 3 }), locations: allocated.locations })
        .available,
    ).toBe(1);
  });

  it('when even the allowance cannot cover it, then nothing is allocated', () => {
    expect(allocate(stocked([1, 1, 1], { backorderLimit: 1 }), 5)).toBeUndefined();
  });

  it('when a reservation is released or committed, then its units leave reserved (and on hand when committed)', () => {
    const record = stocked([2, 3, 0]);
    const allocated = allocate(record, 4)!;
    const held = { ...record, locations: allocated.locations };
    expect(unreserve(held, allocated.allocations).map((l) => l.reserved)).toEqual([0, 0, 0]);
    expect(consume(held, allocated.allocations).locations.map((l) => l.onHand)).toEqual([0, 1, 0]);
  });

  it('when the same SKU comes twice in a request, then it is one line of the sum', () => {
    expect(
      mergeItems([
        { sku: 'A', quantity: 1 },
        { sku: 'B', quantity: 2 },
        { sku: 'A', quantity: 3 },
      ]),
    ).toEqual([
      { sku: 'A', quantity: 4 },
      { sku: 'B', quantity: 2 },
    ]);
  });
});

describe('counts and adjustments', () => {
  it('when a location is counted, then only it changes and the version grows', () => {
    const next = setOnHand(stocked([2, 3, 0]), 'wh-west', 7, {}, at);
    expect(next.locations.map((l) => l.onHand)).toEqual([2, 7, 0]);
    expect(next.version).toBe(2);
  });

  it('when a count or adjustment cuts under the reserved units there, then it is refused', () => {
    const record = stocked([4, 0, 0]);
    record.locations[0]!.reserved = 3;
    expect(() => setOnHand(record, 'wh-east', 2, {}, at)).toThrow(
      expect.objectContaining({ code: 'INVENTORY.BELOW_RESERVED' }),
    );
    expect(() => adjustOnHand(record, 'wh-east', -2, at)).toThrow(
      expect.objectContaining({ code: 'INVENTORY.INSUFFICIENT_STOCK' }),
    );
  });

  it('when a record lacks a configured location, then reading it adds the location empty, in order', () => {
    const record = { ...emptyStock('SKU-1', ['wh-west']), version: 1 };
    expect(withLocations(record, LOCATIONS).locations.map((l) => l.location)).toEqual(LOCATIONS);
  });
});
