import { describe, expect, it } from 'vitest';
import {
  newPromotion,
  normalizeCode,
  revisePromotion,
  type NewPromotionInput,
} from '../../src/domain/promotion.ts';

const now = Date.parse('2026-12-01T00:00:00Z');
const currencies = ['USD', 'EUR'];
const create = (input: Partial<NewPromotionInput>) =>
  newPromotion({ code: 'save10', kind: 'percent', value: 10, ...input }, now, currencies);

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('new promotions', () => {
  it('when the input is valid, then the promotion is built with its code upper-cased and unused', () => {
    const promotion = create({ appliesTo: { skus: ['A', 'A'] }, usageLimit: 3 });
    expect(promotion).toMatchObject({
      code: 'SAVE10',
      used: 0,
      version: 1,
      usageLimit: 3,
      appliesTo: { skus: ['A'], categoryIds: [] },
      buyQuantity: null,
    });
    expect(normalizeCode(' Save10 ')).toBe('SAVE10');
  });

  it.each([
    [{ value: 101 }, 'PRICING.INVALID_PERCENT'],
    [{ value: 0 }, 'PRICING.INVALID_PERCENT'],
    [{ value: -5 }, 'PRICING.INVALID_PERCENT'],
    [{ value: 12.5 }, 'PRICING.INVALID_PERCENT'],
    [{ kind: 'fixed' as const, value: 500 }, 'PRICING.CURRENCY_REQUIRED'],
    [{ kind: 'fixed' as const, value: -1, currency: 'USD' }, 'PRICING.INVALID_AMOUNT'],
    [{ kind: 'fixed' as const, value: 1.5, currency: 'USD' }, 'PRICING.INVALID_AMOUNT'],
    [{ kind: 'fixed' as const, value: 100, currency: 'GBP' }, 'PRICING.UNSUPPORTED_CURRENCY'],
    [{ minSubtotal: 1000 }, 'PRICING.CURRENCY_REQUIRED'],
    [{ minSubtotal: 10.5, currency: 'USD' }, 'PRICING.INVALID_AMOUNT'],
    [{ startsAt: now, endsAt: now - 1 }, 'PRICING.INVALID_PERIOD'],
    [{ startsAt: now, endsAt: now }, 'PRICING.INVALID_PERIOD'],
    [{ usageLimit: 0 }, 'PRICING.INVALID_PROMOTION'],
    [{ perCustomerLimit: 1.5 }, 'PRICING.INVALID_PROMOTION'],
    [{ kind: 'buy_x_get_y' as const, value: 100, buyQuantity: 2 }, 'PRICING.INVALID_PROMOTION'],
  ])('when the input is %j, then it is refused with %s', (input, code) => {
    expect(codeOf(() => create(input))).toBe(code);
  });

  it('when a fixed amount names its currency, then it is accepted', () => {
    expect(create({ kind: 'fixed', value: 500, currency: 'EUR' })).toMatchObject({
      kind: 'fixed',
      value: 500,
      currency: 'EUR',
    });
  });

  it('when buy_x_get_y has both quantities, then they are kept', () => {
    expect(
      create({ kind: 'buy_x_get_y', value: 100, buyQuantity: 2, getQuantity: 1 }),
    ).toMatchObject({ buyQuantity: 2, getQuantity: 1 });
  });
});

describe('revised promotions', () => {
  const current = { ...create({ usageLimit: 5, endsAt: now + 1000 }), used: 3, version: 4 };

  it('when fields change, then the rest, the uses and the creation time are kept and the version moves', () => {
    const revised = revisePromotion(current, { value: 20, endsAt: null }, now + 5, currencies);
    expect(revised).toMatchObject({
      code: 'SAVE10',
      value: 20,
      endsAt: null,
      usageLimit: 5,
      used: 3,
      version: 5,
      createdAt: now,
      updatedAt: now + 5,
    });
  });

  it('when the limit would go below the uses taken, or a rule breaks, then it is refused', () => {
    expect(codeOf(() => revisePromotion(current, { usageLimit: 2 }, now, currencies))).toBe(
      'PRICING.USAGE_LIMIT_BELOW_USED',
    );
    expect(codeOf(() => revisePromotion(current, { value: 150 }, now, currencies))).toBe(
      'PRICING.INVALID_PERCENT',
    );
    expect(revisePromotion(current, { usageLimit: 3 }, now, currencies).usageLimit).toBe(3);
  });
});
