import { describe, expect, it } from 'vitest';
import { buildQuote, normalizeItems, tierUnitPrice } from '../../src/domain/quote.ts';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('quote items', () => {
  it('when a SKU is listed twice, then its quantities are added up', () => {
    expect(
      normalizeItems([
        { sku: 'A', quantity: 2 },
        { sku: 'B', quantity: 1 },
        { sku: 'A', quantity: 3 },
      ]),
    ).toEqual([
      { sku: 'A', quantity: 5 },
      { sku: 'B', quantity: 1 },
    ]);
  });

  it.each([
    [[], 'no items'],
    [Array.from({ length: 101 }, (_, i) => ({ sku: `S${i}`, quantity: 1 })), '101 items'],
    [[{ sku: 'A', quantity: 0 }], 'a zero quantity'],
    [[{ sku: 'A', quantity: 1000 }], 'a quantity over 999'],
    [[{ sku: 'A', quantity: 1.5 }], 'a fractional quantity'],
    [
      [
        { sku: 'A', quantity: 600 },
        { sku: 'A', quantity: 600 },
      ],
      'merged quantities over 999',
    ],
  ])('when the items are %j (%s), then the quote is refused', (items, _why) => {
    expect(codeOf(() => normalizeItems(items))).toBe('PRICING.INVALID_QUOTE');
  });
});

describe('building a quote', () => {
  it('when lines and discounts are given, then totals add up and shipping and tax are zero', () => {
    const now = 1_000;
    const quote = buildQuote({
      id: 'quo_1',
      currency: 'USD',
      lines: [
        { sku: 'A', quantity: 2, unitPrice: 1000, categoryIds: [] },
        { sku: 'B', quantity: 1, unitPrice: 500, categoryIds: [] },
      ],
      discounts: [200, 0],
      promotion: null,
      customerId: null,
      destination: null,
      shipping: null,
      now,
      ttlMs: 900_000,
    });
    expect(quote).toMatchObject({
      subtotal: 2500,
      discount: 200,
      shipping: 0,
      tax: 0,
      total: 2300,
      expiresAt: 901_000,
      lines: [
        { sku: 'A', lineTotal: 2000, discount: 200 },
        { sku: 'B', lineTotal: 500, discount: 0 },
      ],
    });
  });
});

describe('tier unit prices', () => {
  const tiers = [
    { minQuantity: 10, amount: 800 },
    { minQuantity: 5, amount: 900 },
  ];

  it('when the quantity reaches a tier, then the highest tier reached sets the unit price', () => {
    expect(tierUnitPrice(1, 1000, tiers)).toBe(1000);
    expect(tierUnitPrice(4, 1000, tiers)).toBe(1000);
    expect(tierUnitPrice(5, 1000, tiers)).toBe(900);
    expect(tierUnitPrice(12, 1000, tiers)).toBe(800);
    expect(tierUnitPrice(2, undefined, tiers)).toBeUndefined();
  });
});
