import { describe, expect, it } from 'vitest';
import {
  effectivePricesAt,
  type BaseCandidate,
  type ScheduleCandidate,
} from '../../src/domain/effective-price.ts';

const base = (amount: number, setId: string, minQuantity = 1): BaseCandidate => ({
  amount,
  setId,
  minQuantity,
});
const window = (
  amount: number,
  setId: string,
  validFrom: number,
  validTo: number | null,
  minQuantity = 1,
): ScheduleCandidate => ({
  amount,
  setId,
  validFrom,
  validTo,
  minQuantity,
});

describe('the effective price of a SKU at an instant', () => {
  it('when only a base is set, then it is the unit price', () => {
    expect(effectivePricesAt([base(100, 'a')], [], 0)).toEqual({
      unit: { amount: 100 },
      tiers: [],
    });
  });

  it('when a window is in force, then it beats the base, and not before it starts or from its end', () => {
    const schedules = [window(80, 'b', 10, 20)];
    expect(effectivePricesAt([base(100, 'a')], schedules, 9).unit).toEqual({ amount: 100 });
    expect(effectivePricesAt([base(100, 'a')], schedules, 10).unit).toEqual({ amount: 80 });
    expect(effectivePricesAt([base(100, 'a')], schedules, 20).unit).toEqual({ amount: 100 });
  });

  it('when a base was set after a window, then the window still wins while in force', () => {
    expect(effectivePricesAt([base(120, 'z')], [window(80, 'b', 0, 20)], 5).unit).toEqual({
      amount: 80,
    });
  });

  it('when windows overlap, then the latest set wins', () => {
    const schedules = [window(80, 'b', 0, 20), window(70, 'c', 5, 10), window(90, 'a', 0, 30)];
    expect(effectivePricesAt([], schedules, 7).unit).toEqual({ amount: 70 });
    expect(effectivePricesAt([], schedules, 15).unit).toEqual({ amount: 80 });
    expect(effectivePricesAt([], schedules, 25).unit).toEqual({ amount: 90 });
  });

  it('when a scheduled base has started, then it competes with the base by set order', () => {
    expect(effectivePricesAt([base(100, 'a')], [window(110, 'b', 10, null)], 10).unit).toEqual({
      amount: 110,
    });
    expect(effectivePricesAt([base(105, 'c')], [window(110, 'b', 10, null)], 10).unit).toEqual({
      amount: 105,
    });
  });

  it('when tiers exist, then they are listed ascending and a tier alone gives no unit price', () => {
    const prices = effectivePricesAt(
      [base(90, 'a', 10), base(95, 'b', 5)],
      [window(85, 'c', 0, 10, 10)],
      1,
    );
    expect(prices).toEqual({
      tiers: [
        { minQuantity: 5, amount: 95 },
        { minQuantity: 10, amount: 85 },
      ],
    });
  });

  it('when a price has a compare-at amount, then it is kept', () => {
    expect(effectivePricesAt([{ ...base(80, 'a'), compareAtAmount: 100 }], [], 0).unit).toEqual({
      amount: 80,
      compareAtAmount: 100,
    });
  });
});
