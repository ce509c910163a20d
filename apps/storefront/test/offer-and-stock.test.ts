import { describe, expect, it } from 'vitest';

/** The storefront is plain browser JavaScript without types: load its pure helpers as such. */
type Helper = (value: unknown) => unknown;

async function load(file: string): Promise<Record<string, Helper | undefined>> {
  return (await import(new URL(`../public/${file}`, import.meta.url).href)) as never;
}

function helper(module: Record<string, Helper | undefined>, name: string): Helper {
  const found = module[name];
  if (!found) throw new Error(`the storefront exports no ${name}`);
  return found;
}

const offerOf = helper(await load('pricing.js'), 'offerOf');
const stockStateOf = helper(await load('stock.js'), 'stockStateOf');

describe('storefront prices', () => {
  it('when a price has a higher compare-at price, then it is a sale with the 30-day lowest and sorted tiers', () => {
    const offer = offerOf({
      sku: 'A',
      amount: 1599,
      currency: 'USD',
      compareAtAmount: 1999,
      lowest30Days: 1499,
      tiers: [
        { minQuantity: 10, amount: 1299 },
        { minQuantity: 3, amount: 1499 },
      ],
    });
    expect(offer).toEqual({
      price: { amount: 1599, currency: 'USD' },
      compareAt: { amount: 1999, currency: 'USD' },
      lowest30Days: { amount: 1499, currency: 'USD' },
      tiers: [
        { minQuantity: 3, price: { amount: 1499, currency: 'USD' } },
        { minQuantity: 10, price: { amount: 1299, currency: 'USD' } },
      ],
    });
  });

  it('when the compare-at price is not higher or fields come as money objects, then no sale is shown and money is read', () => {
    const offer = offerOf({
      amount: 1000,
      currency: 'EUR',
      compareAtAmount: 900,
      lowest30Days: { amount: 950, currency: 'EUR' },
    }) as { compareAt: unknown; lowest30Days: unknown; tiers: unknown[] };
    expect(offer.compareAt).toBeNull();
    expect(offer.lowest30Days).toEqual({ amount: 950, currency: 'EUR' });
    expect(offer.tiers).toEqual([]);
  });

  it('when pricing answers without a usable amount, then there is no offer', () => {
    expect(offerOf(undefined)).toBeNull();
    expect(offerOf({ sku: 'A', amount: 12.5 })).toBeNull();
  });
});

describe('storefront stock badge', () => {
  it('when stock is plenty, low, zero or unknown, then the badge says so', () => {
    expect(stockStateOf({ available: 6 })).toEqual({ kind: 'in', text: 'In stock' });
    expect(stockStateOf({ available: 5 })).toEqual({ kind: 'low', text: 'Only 5 left' });
    expect(stockStateOf({ available: 9, lowStockThreshold: 10 })).toEqual({
      kind: 'low',
      text: 'Only 9 left',
    });
    expect(stockStateOf({ available: 0 })).toEqual({ kind: 'out', text: 'Out of stock' });
    expect(stockStateOf(undefined)).toEqual({ kind: 'unknown', text: 'Availability unknown' });
  });
});
