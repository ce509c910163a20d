import { describe, expect, it } from 'vitest';
import { buildQuote } from '../../src/domain/quote.ts';
import {
  rateTableProblems,
  shippingCharge,
  shippingOptionOf,
  shippingOptionsFor,
  taxOf,
  taxRateOf,
  taxesShipping,
  type RateTable,
} from '../../src/domain/shipping-tax.ts';
import { loadRateTable } from '../../src/adapters/rates/load-rate-table.ts';

const table: RateTable = {
  shipping: [
    {
      id: 'std',
      name: 'Standard',
      countries: ['US'],
      estimatedDays: 5,
      rates: { USD: { amount: 500, freeOver: 5000 } },
    },
    {
      id: 'exp',
      name: 'Express',
      countries: ['US', 'DE'],
      estimatedDays: 1,
      rates: { EUR: { amount: 900 } },
    },
  ],
  tax: { US: 725, DE: 1900, FR: 0 },
  shippingTaxed: ['DE'],
};

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('shipping and tax math', () => {
  it.each([
    [1000, 725, 73], // 72.5 rounds half up
    [999, 725, 72], // 72.43
    [1, 1900, 0], // 0.19
    [3, 1900, 1], // 0.57
    [0, 2000, 0],
    [12345, 0, 0],
  ])('when %i is taxed at %i basis points, then the tax is %i', (amount, rate, tax) => {
    expect(taxOf(amount, rate)).toBe(tax);
  });

  it('when the merchandise reaches the threshold, then shipping is free, and just below it is charged', () => {
    const rate = { amount: 500, freeOver: 5000 };
    expect(shippingCharge(rate, 5000)).toBe(0);
    expect(shippingCharge(rate, 4999)).toBe(500);
    expect(shippingCharge({ amount: 900 }, 1_000_000)).toBe(900);
  });

  it('when options are listed, then only those to the country in the currency are', () => {
    expect(shippingOptionsFor(table, 'US', 'USD').map((o) => o.option.id)).toEqual(['std']);
    expect(shippingOptionsFor(table, 'US', 'EUR').map((o) => o.option.id)).toEqual(['exp']);
    expect(shippingOptionsFor(table, 'FR', 'EUR')).toEqual([]);
  });

  it('when a country or option is unknown, then a coded error says which', () => {
    expect(codeOf(() => taxRateOf(table, 'AQ'))).toBe('PRICING.COUNTRY_UNSUPPORTED');
    expect(codeOf(() => shippingOptionOf(table, 'std', 'DE', 'EUR'))).toBe(
      'PRICING.SHIPPING_UNKNOWN',
    );
    expect(codeOf(() => shippingOptionOf(table, 'nope', 'US', 'USD'))).toBe(
      'PRICING.SHIPPING_UNKNOWN',
    );
  });

  it('when a quote has a destination and an option, then the discount lowers the taxed amount and the free-shipping total', () => {
    const quote = buildQuote({
      id: 'quo_1',
      currency: 'USD',
      lines: [
        { sku: 'A', quantity: 2, unitPrice: 2600, categoryIds: [] },
        { sku: 'B', quantity: 1, unitPrice: 1000, categoryIds: [] },
      ],
      discounts: [520, 100],
      promotion: null,
      customerId: null,
      destination: { country: 'US', taxRate: 725, taxesShipping: false },
      shipping: shippingOptionOf(table, 'std', 'US', 'USD'),
      now: 0,
      ttlMs: 1,
    });
    // 5200 - 520 = 4680 → 339.3 → 339; 1000 - 100 = 900 → 65.25 → 65; 5580 < 5000? no: free.
    expect(quote.lines.map((line) => line.tax)).toEqual([339, 65]);
    expect(quote).toMatchObject({
      subtotal: 6200,
      discount: 620,
      shipping: 0,
      shippingTax: 0,
      tax: 404,
    });
    expect(quote.total).toBe(6200 - 620 + 0 + 404);
    expect(quote.shippingOption).toEqual({ id: 'std', name: 'Standard', estimatedDays: 5 });
  });

  it('when the destination taxes shipping, then the charge is taxed at its rate, in the total tax and not in any line', () => {
    const quote = buildQuote({
      id: 'quo_2',
      currency: 'EUR',
      lines: [{ sku: 'A', quantity: 1, unitPrice: 1000, categoryIds: [] }],
      discounts: [0],
      promotion: null,
      customerId: null,
      destination: {
        country: 'DE',
        taxRate: taxRateOf(table, 'DE'),
        taxesShipping: taxesShipping(table, 'DE'),
      },
      shipping: shippingOptionOf(table, 'exp', 'DE', 'EUR'),
      now: 0,
      ttlMs: 1,
    });
    // Goods 1000 → 190; shipping 900 → 171.
    expect(quote.lines.map((line) => line.tax)).toEqual([190]);
    expect(quote).toMatchObject({ shipping: 900, shippingTax: 171, tax: 361, total: 2261 });
    expect([taxesShipping(table, 'DE'), taxesShipping(table, 'US')]).toEqual([true, false]);
  });

  it('when a rate table is unsound, then every problem is named', () => {
    const bad: RateTable = {
      shipping: [
        { id: 'a', name: 'A', countries: ['XX'], estimatedDays: 1, rates: { USD: { amount: -1 } } },
        { id: 'a', name: 'B', countries: ['US'], estimatedDays: 1, rates: {} },
      ],
      tax: { US: 10_001 },
      shippingTaxed: ['GB'],
    };
    expect(rateTableProblems(bad)).toHaveLength(5);
    expect(rateTableProblems(table)).toEqual([]);
  });

  it('when the built-in table is loaded, then it is sound', () => {
    expect(rateTableProblems(loadRateTable())).toEqual([]);
  });
});
