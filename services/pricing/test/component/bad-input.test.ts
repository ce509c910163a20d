import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPricing, type PricingHarness } from './harness.ts';

const future = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();

const cases: Array<[string, Record<string, unknown>, string]> = [
  ['a negative amount', { amount: -1, currency: 'USD' }, 'PRICING.INVALID_AMOUNT'],
  ['a fractional amount', { amount: 19.99, currency: 'USD' }, 'PRICING.INVALID_AMOUNT'],
  ['an absurdly large amount', { amount: 1e16, currency: 'USD' }, 'PRICING.INVALID_AMOUNT'],
  ['a non-ISO currency', { amount: 100, currency: 'usd' }, 'PRICING.UNSUPPORTED_CURRENCY'],
  [
    'a currency that is not configured',
    { amount: 100, currency: 'GBP' },
    'PRICING.UNSUPPORTED_CURRENCY',
  ],
  [
    'a compare-at price not above the price',
    { amount: 100, currency: 'USD', compareAtAmount: 100 },
    'PRICING.INVALID_COMPARE_AT',
  ],
  [
    'a fractional compare-at price',
    { amount: 100, currency: 'USD', compareAtAmount: 150.5 },
    'PRICING.INVALID_AMOUNT',
  ],
  [
    'validTo before validFrom',
    { amount: 100, currency: 'USD', validFrom: future(2), validTo: future(1) },
    'PRICING.INVALID_VALIDITY',
  ],
  [
    'validTo equal to validFrom',
    { amount: 100, currency: 'USD', validFrom: future(1), validTo: future(1) },
    'PRICING.INVALID_VALIDITY',
  ],
  [
    'validTo in the past',
    { amount: 100, currency: 'USD', validTo: '2020-01-01T00:00:00Z' },
    'PRICING.INVALID_VALIDITY',
  ],
  [
    'a validFrom that is no date',
    { amount: 100, currency: 'USD', validFrom: 'tomorrow' },
    'PRICING.INVALID_VALIDITY',
  ],
  [
    'a zero minQuantity',
    { amount: 100, currency: 'USD', minQuantity: 0 },
    'PRICING.INVALID_MIN_QUANTITY',
  ],
  [
    'a fractional minQuantity',
    { amount: 100, currency: 'USD', minQuantity: 2.5 },
    'PRICING.INVALID_MIN_QUANTITY',
  ],
  ['an amount given as text', { amount: '100', currency: 'USD' }, 'COMMON.VALIDATION_FAILED'],
  ['an unknown field', { amount: 100, currency: 'USD', discount: 5 }, 'COMMON.VALIDATION_FAILED'],
  ['no amount', { currency: 'USD' }, 'COMMON.VALIDATION_FAILED'],
];

describe('bad price input through HTTP', () => {
  let pricing: PricingHarness;
  beforeAll(async () => (pricing = await startPricing()));
  afterAll(() => pricing.close());

  it.each(cases)(
    'when a PUT has %s, then it is a 400 with its code and nothing is written',
    async (_what, body, code) => {
      const response = await pricing.put('BAD-1', body);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ code });
      expect((await pricing.get('/prices/BAD-1')).statusCode).toBe(404);
      expect((await pricing.get('/prices/BAD-1/history')).json()).toEqual({
        items: [],
        nextCursor: null,
      });
      expect(await pricing.service.stores.outbox.pendingCount()).toBe(0);
      expect(await pricing.service.stores.prices.nextBoundary()).toBeUndefined();
    },
  );

  it('when a SKU is not a SKU, then a PUT and a read are 400 INVALID_SKU', async () => {
    const put = await pricing.put('bad%20sku', { amount: 1, currency: 'USD' });
    expect(put.json()).toMatchObject({ code: 'PRICING.INVALID_SKU' });
    const batch = await pricing.get('/prices?skus=A,bad%20sku');
    expect([batch.statusCode, batch.json().code]).toEqual([400, 'PRICING.INVALID_SKU']);
  });

  it('when a batch read names no SKU, or more than 100, then it is a 400 with nothing read', async () => {
    for (const list of ['']) {
      const batch = await pricing.get(`/prices?skus=${list}`);
      expect(batch.statusCode).toBe(400);
    }
    expect((await pricing.get('/prices')).statusCode).toBe(400);
    const many = Array.from({ length: 101 }, (_, i) => `SKU-${i}`).join(',');
    const tooMany = await pricing.get(`/prices?skus=${many}`);
    expect([tooMany.statusCode, tooMany.json().code]).toEqual([400, 'PRICING.TOO_MANY_SKUS']);
  });

  it('when a read names an unsupported currency, then it is a 400 UNSUPPORTED_CURRENCY', async () => {
    const read = await pricing.get('/prices/ANY-1?currency=XYZ');
    expect([read.statusCode, read.json().code]).toEqual([400, 'PRICING.UNSUPPORTED_CURRENCY']);
  });

  it('when a history cursor is forged, then it is a 400 INVALID_CURSOR', async () => {
    const read = await pricing.get('/prices/ANY-1/history?cursor=bm90LWpzb24');
    expect([read.statusCode, read.json().code]).toEqual([400, 'COMMON.INVALID_CURSOR']);
  });
});
