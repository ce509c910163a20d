import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPricing, type PricingHarness } from './harness.ts';

describe('pricing service skeleton', () => {
  let pricing: PricingHarness;
  beforeAll(async () => (pricing = await startPricing()));
  afterAll(() => pricing.close());

  it('when it starts, then it is ready and answers 404 for a SKU without a price', async () => {
    const ready = await pricing.get('/health/ready');
    expect(ready.statusCode).toBe(200);
    const missing = await pricing.get('/prices/NO-SUCH-SKU');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'PRICING.PRICE_NOT_FOUND' });
  });

  it('when an admin sets a price, then it reads back with an ETag', async () => {
    const put = await pricing.put('SKU-1', { amount: 1999, currency: 'USD' });
    expect(put.statusCode).toBe(200);
    const read = await pricing.get('/prices/SKU-1?currency=USD');
    expect(read.statusCode).toBe(200);
    expect(read.headers['etag']).toBe('"1"');
    expect(read.json()).toMatchObject({
      sku: 'SKU-1',
      amount: 1999,
      currency: 'USD',
      lowest30Days: 1999,
    });
  });
});
