import { describe, expect, it } from 'vitest';
import { newPromotion, type NewPromotionInput } from '../../src/domain/promotion.ts';
import {
  activityRefusal,
  allocate,
  discountLines,
  usageRefusal,
  type PricedLine,
} from '../../src/domain/promotion-rules.ts';

const now = Date.parse('2026-12-01T00:00:00Z');
const promotion = (input: Partial<NewPromotionInput>) =>
  newPromotion({ code: 'P', kind: 'percent', value: 10, ...input }, now, ['USD', 'EUR']);
const line = (sku: string, quantity: number, unitPrice: number, categoryIds: string[] = []) =>
  ({ sku, quantity, unitPrice, categoryIds }) satisfies PricedLine;
const usd = { currency: 'USD', now };

describe('discount maths', () => {
  it('when a percent promotion applies to the order, then each line is discounted and rounded', () => {
    const outcome = discountLines(
      promotion({ value: 15 }),
      [line('A', 1, 999), line('B', 3, 100)],
      usd,
    );
    expect(outcome).toEqual({ applies: true, perLine: [150, 45], total: 195 });
  });

  it('when a promotion names SKUs or categories, then only those lines are discounted', () => {
    const scoped = promotion({ value: 50, appliesTo: { skus: ['A'], categoryIds: ['shoes'] } });
    const outcome = discountLines(
      scoped,
      [line('A', 1, 1000), line('B', 1, 1000), line('C', 1, 400, ['shoes'])],
      usd,
    );
    expect(outcome).toEqual({ applies: true, perLine: [500, 0, 200], total: 700 });
  });

  it('when a fixed amount exceeds the qualifying total, then the discount stops at that total', () => {
    const fixed = promotion({ kind: 'fixed', value: 5000, currency: 'USD' });
    expect(discountLines(fixed, [line('A', 1, 1000), line('B', 2, 500)], usd)).toEqual({
      applies: true,
      perLine: [1000, 1000],
      total: 2000,
    });
  });

  it('when a fixed amount is split over lines, then the parts are whole units that add up', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(0, [5, 5])).toEqual([0, 0]);
    expect(allocate(7, [0, 0])).toEqual([0, 0]);
  });

  it('when buy 2 get 1 covers seven units, then the two cheapest units are free', () => {
    const b2g1 = promotion({ kind: 'buy_x_get_y', value: 100, buyQuantity: 2, getQuantity: 1 });
    const outcome = discountLines(
      b2g1,
      [line('A', 4, 1000), line('B', 1, 300), line('C', 2, 700)],
      usd,
    );
    expect(outcome).toEqual({ applies: true, perLine: [0, 300, 700], total: 1000 });
  });

  it('when buy 1 get 1 is half off, then the cheaper unit of each pair is half price', () => {
    const b1g1 = promotion({ kind: 'buy_x_get_y', value: 50, buyQuantity: 1, getQuantity: 1 });
    expect(discountLines(b1g1, [line('A', 2, 1001)], usd)).toEqual({
      applies: true,
      perLine: [501],
      total: 501,
    });
  });

  it('when buy_x_get_y has too few qualifying units, then no qualifying item is the reason', () => {
    const b2g1 = promotion({ kind: 'buy_x_get_y', value: 100, buyQuantity: 2, getQuantity: 1 });
    expect(discountLines(b2g1, [line('A', 2, 1000)], usd)).toEqual({
      applies: false,
      reason: 'no_qualifying_item',
    });
  });

  it('when no line qualifies, then no qualifying item is the reason', () => {
    const scoped = promotion({ appliesTo: { skus: ['Z'] } });
    expect(discountLines(scoped, [line('A', 1, 1000)], usd)).toEqual({
      applies: false,
      reason: 'no_qualifying_item',
    });
  });

  it('when the subtotal is below the minimum, then that is the reason', () => {
    const minimum = promotion({ minSubtotal: 5000, currency: 'USD' });
    expect(discountLines(minimum, [line('A', 4, 1000)], usd)).toMatchObject({
      reason: 'below_min_subtotal',
    });
    expect(discountLines(minimum, [line('A', 5, 1000)], usd)).toMatchObject({ applies: true });
  });

  it('when the quote is in another currency than the promotion, then it does not apply', () => {
    const fixed = promotion({ kind: 'fixed', value: 100, currency: 'EUR' });
    expect(discountLines(fixed, [line('A', 1, 1000)], usd)).toMatchObject({
      reason: 'currency_mismatch',
    });
  });
});

describe('when a promotion is active', () => {
  const windowed = promotion({ startsAt: now + 1000, endsAt: now + 2000 });

  it('when the clock is before startsAt, then it has not started; at endsAt it has ended', () => {
    expect(activityRefusal(windowed, now)).toBe('not_started');
    expect(activityRefusal(windowed, now + 1000)).toBeUndefined();
    expect(activityRefusal(windowed, now + 1999)).toBeUndefined();
    expect(activityRefusal(windowed, now + 2000)).toBe('ended');
    expect(discountLines(windowed, [line('A', 1, 100)], usd)).toMatchObject({
      reason: 'not_started',
    });
  });

  it('when the uses reach a limit, then the total limit comes before the customer limit', () => {
    const limited = promotion({ usageLimit: 3, perCustomerLimit: 1 });
    expect(usageRefusal(limited, { used: 2, customerUses: 0 })).toBeUndefined();
    expect(usageRefusal(limited, { used: 3, customerUses: 1 })).toBe('exhausted');
    expect(usageRefusal(limited, { used: 1, customerUses: 1 })).toBe('per_customer_limit');
    expect(usageRefusal(limited, { used: 1 })).toBeUndefined();
  });
});
