import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPricing, type PricingHarness } from './harness.ts';

describe('prices through HTTP', () => {
  let pricing: PricingHarness;
  beforeAll(async () => (pricing = await startPricing()));
  afterAll(() => pricing.close());

  it('when the service starts, then it is ready and a SKU without a price is a 404 with a code', async () => {
    expect((await pricing.get('/health/ready')).statusCode).toBe(200);
    const missing = await pricing.get('/prices/NO-SUCH-SKU');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json()).toMatchObject({ code: 'PRICING.PRICE_NOT_FOUND' });
  });

  it('when an admin sets a price, then it reads back in its currency with an ETag and a 304 on If-None-Match', async () => {
    const put = await pricing.put('MUG-1', {
      amount: 1999,
      currency: 'EUR',
      compareAtAmount: 2499,
    });
    expect(put.statusCode).toBe(200);
    expect(put.headers['etag']).toBe('"1"');
    const read = await pricing.get('/prices/MUG-1?currency=EUR');
    expect(read.statusCode).toBe(200);
    expect(read.headers['etag']).toBe('"1"');
    expect(read.json()).toMatchObject({
      sku: 'MUG-1',
      amount: 1999,
      currency: 'EUR',
      compareAtAmount: 2499,
      lowest30Days: 1999,
      version: 1,
    });
    expect(read.json()).not.toHaveProperty('tiers');
    const again = await pricing.service.app.inject({
      url: '/prices/MUG-1?currency=EUR',
      headers: { 'if-none-match': '"1"' },
    });
    expect(again.statusCode).toBe(304);
    expect((await pricing.get('/prices/MUG-1')).statusCode).toBe(404);
  });

  it('when a read names no currency, then the default currency (USD) is used', async () => {
    await pricing.put('CUP-1', { amount: 500, currency: 'USD' });
    expect((await pricing.get('/prices/CUP-1')).json()).toMatchObject({
      currency: 'USD',
      amount: 500,
    });
  });

  it('when tier prices are set, then the price lists them by minimum quantity', async () => {
    await pricing.put('PEN-1', { amount: 300, currency: 'USD' });
    await pricing.put('PEN-1', { amount: 250, currency: 'USD', minQuantity: 10 });
    await pricing.put('PEN-1', { amount: 200, currency: 'USD', minQuantity: 100 });
    expect((await pricing.get('/prices/PEN-1')).json()).toMatchObject({
      amount: 300,
      tiers: [
        { minQuantity: 10, amount: 250 },
        { minQuantity: 100, amount: 200 },
      ],
    });
  });

  it('when If-Match names an old version, then the PUT is a 412 and the price stays', async () => {
    await pricing.put('BAG-1', { amount: 4000, currency: 'USD' });
    const stale = await pricing.service.app.inject({
      method: 'PUT',
      url: '/prices/BAG-1',
      headers: { ...pricing.admin, 'if-match': '"9"' },
      payload: { amount: 1, currency: 'USD' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'PRICING.VERSION_MISMATCH' });
    expect((await pricing.get('/prices/BAG-1')).json()).toMatchObject({ amount: 4000, version: 1 });
    const fresh = await pricing.service.app.inject({
      method: 'PUT',
      url: '/prices/BAG-1',
      headers: { ...pricing.admin, 'if-match': '"1"' },
      payload: { amount: 3500, currency: 'USD' },
    });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers['etag']).toBe('"2"');
  });

  it('when a batch is read, then priced SKUs come back and unknown ones are simply absent', async () => {
    const skus = Array.from({ length: 50 }, (_, i) => `BATCH-${i}`);
    for (const [i, sku] of skus.entries())
      await pricing.put(sku, { amount: 100 + i, currency: 'USD' });
    const response = await pricing.get(
      `/prices?skus=${[...skus, 'UNKNOWN-1'].join(',')}&currency=USD`,
    );
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { sku: string; amount: number }[];
    expect(items).toHaveLength(50);
    expect(items.find((item) => item.sku === 'BATCH-7')).toMatchObject({ amount: 107 });
    expect(items.some((item) => item.sku === 'UNKNOWN-1')).toBe(false);
  });

  it('when a price is read, changed and read again, then the second read shows the change at once', async () => {
    await pricing.put('FRESH-1', { amount: 100, currency: 'USD' });
    await pricing.put('FRESH-1', { amount: 50, currency: 'USD', minQuantity: 3 });
    const before = await pricing.get('/prices?skus=FRESH-1,FRESH-2');
    expect(before.json().items).toEqual([expect.objectContaining({ amount: 100 })]);
    await pricing.put('FRESH-1', { amount: 40, currency: 'USD', minQuantity: 3 });
    await pricing.put('FRESH-2', { amount: 70, currency: 'USD' });
    const after = await pricing.get('/prices?skus=FRESH-1,FRESH-2');
    expect(after.json().items).toEqual([
      expect.objectContaining({ sku: 'FRESH-1', tiers: [{ minQuantity: 3, amount: 40 }] }),
      expect.objectContaining({ sku: 'FRESH-2', amount: 70 }),
    ]);
    expect((await pricing.get('/prices/FRESH-1')).headers['etag']).toBe('"3"');
  });

  it('when a batch names more than 100 SKUs, then it is a 400 TOO_MANY_SKUS', async () => {
    const skus = Array.from({ length: 101 }, (_, i) => `S${i}`).join(',');
    const response = await pricing.get(`/prices?skus=${skus}`);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'PRICING.TOO_MANY_SKUS' });
  });

  it('when a price changed several times, then its history pages newest first with a cursor', async () => {
    for (const amount of [900, 800, 700]) await pricing.put('LAMP-1', { amount, currency: 'USD' });
    const first = await pricing.get('/prices/LAMP-1/history?currency=USD&limit=2');
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.items.map((item: { amount: number }) => item.amount)).toEqual([700, 800]);
    expect(page.items[0]).toMatchObject({ validTo: null, lowest30Days: 800 });
    expect(page.items[1].validTo).toBe(page.items[0].validFrom);
    const second = (
      await pricing.get(`/prices/LAMP-1/history?limit=2&cursor=${page.nextCursor}`)
    ).json();
    expect(second).toEqual({
      items: [expect.objectContaining({ amount: 900 })],
      nextCursor: null,
    });
  });

  it('when a customer or an anonymous caller sets a price, then 403 and 401 and nothing is written', async () => {
    const body = { amount: 1, currency: 'USD' };
    const anonymous = await pricing.service.app.inject({
      method: 'PUT',
      url: '/prices/HAT-1',
      payload: body,
    });
    const customer = await pricing.service.app.inject({
      method: 'PUT',
      url: '/prices/HAT-1',
      headers: pricing.shopper,
      payload: body,
    });
    expect([anonymous.statusCode, customer.statusCode]).toEqual([401, 403]);
    expect((await pricing.get('/prices/HAT-1')).statusCode).toBe(404);
  });
});
