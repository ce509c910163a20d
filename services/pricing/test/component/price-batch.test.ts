import type { CloudEvent } from '@emporium/kit';
import { eventually, ManualClock } from '@emporium/kit/testing';
import { PricingTopics } from '@emporium/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPricing, type PricingHarness } from './harness.ts';

const HOUR = 3600_000;

describe('PUT /prices, the batch write, through HTTP', () => {
  let clock: ManualClock;
  let pricing: PricingHarness;
  const published: CloudEvent[] = [];
  const putBatch = (items: unknown[], headers: Record<string, string> = pricing.admin) =>
    pricing.service.app.inject({ method: 'PUT', url: '/prices', headers, payload: { items } });
  const at = (hours: number) => new Date(clock.now() + hours * HOUR).toISOString();

  beforeEach(async () => {
    clock = new ManualClock();
    pricing = await startPricing({ clock });
    published.length = 0;
    pricing.service.bus!.subscribe({
      group: 'test.batch-recorder',
      topics: [PricingTopics.price],
      handle: async (event) => void published.push(event),
    });
  });
  afterEach(() => pricing.close());

  it('when an admin sets a batch, then every price reads back, one event each, answered per item', async () => {
    const response = await putBatch([
      { sku: 'MUG-1', amount: 1999, currency: 'USD', compareAtAmount: 2499 },
      { sku: 'MUG-1', amount: 1799, currency: 'EUR' },
      { sku: 'CUP-1', amount: 500, currency: 'USD', minQuantity: 1 },
      { sku: 'TENT-1', amount: 9000, currency: 'USD', validFrom: at(1), validTo: at(2) },
    ]);
    expect(response.statusCode).toBe(200);
    expect(response.json().items).toEqual([
      expect.objectContaining({ sku: 'MUG-1', currency: 'USD', amount: 1999, lowest30Days: 1999 }),
      expect.objectContaining({ sku: 'MUG-1', currency: 'EUR', amount: 1799, version: 1 }),
      expect.objectContaining({ sku: 'CUP-1', amount: 500 }),
      { sku: 'TENT-1', currency: 'USD', status: 'scheduled' },
    ]);
    const batch = await pricing.get('/prices?skus=MUG-1,CUP-1&currency=USD');
    expect(batch.json().items).toHaveLength(2);
    await eventually(() => published.length === 3);
    expect(published.map((event) => event.subject).sort()).toEqual(['CUP-1', 'MUG-1', 'MUG-1']);
  });

  it('when a batch holds a scheduled price, then the scheduler starts it on the clock with its event', async () => {
    await putBatch([{ sku: 'TENT-1', amount: 9000, currency: 'USD', validFrom: at(1) }]);
    await eventually(() => {
      const until = pricing.service.stores.scheduler.sleepingUntil;
      return until !== undefined && until > clock.now();
    });
    clock.advance(HOUR);
    await eventually(async () => (await pricing.get('/prices/TENT-1')).statusCode === 200);
    await eventually(() => published.some((event) => event.subject === 'TENT-1'));
  });

  it('when any item is bad, then it is a 400 naming each bad item and nothing is written', async () => {
    const response = await putBatch([
      { sku: 'OK-1', amount: 100, currency: 'USD' },
      { sku: 'BAD-1', amount: -1, currency: 'USD' },
      { sku: 'OK-2', amount: 100, currency: 'USD' },
      { sku: 'BAD-2', amount: 100, currency: 'GBP' },
      { sku: 'BAD-3', amount: 100, currency: 'USD', compareAtAmount: 150.5 },
    ]);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      code: 'PRICING.INVALID_BATCH',
      errors: [
        { field: 'items/1/amount', message: expect.stringContaining('PRICING.INVALID_AMOUNT') },
        {
          field: 'items/3/currency',
          message: expect.stringContaining('PRICING.UNSUPPORTED_CURRENCY'),
        },
        {
          field: 'items/4/compareAtAmount',
          message: expect.stringContaining('PRICING.INVALID_AMOUNT'),
        },
      ],
    });
    expect((await pricing.get('/prices?skus=OK-1,OK-2')).json().items).toEqual([]);
    expect(await pricing.service.stores.outbox.pendingCount()).toBe(0);
  });

  it('when a batch is empty, over 500 items or has an unknown field, then it is a 400', async () => {
    const item = { sku: 'A-1', amount: 1, currency: 'USD' };
    for (const items of [[], Array.from({ length: 501 }, () => item), [{ ...item, x: 1 }]]) {
      const response = await putBatch(items);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'COMMON.VALIDATION_FAILED' });
    }
    expect((await putBatch(Array.from({ length: 500 }, () => item))).statusCode).toBe(200);
  });

  it('when no admin asks, then anonymous is 401 and a customer 403', async () => {
    const items = [{ sku: 'A-1', amount: 1, currency: 'USD' }];
    expect((await putBatch(items, {})).statusCode).toBe(401);
    expect((await putBatch(items, pricing.shopper)).statusCode).toBe(403);
    expect((await pricing.get('/prices/A-1')).statusCode).toBe(404);
  });
});
