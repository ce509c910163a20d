import { PriceBatchSchema, PriceSchema, PricingClient, clientFor } from '@emporium/contracts';
import { ServiceClient } from '@emporium/kit';
import { silentLogger } from '@emporium/kit/testing';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPricing, type PricingHarness } from './harness.ts';

function expectSchema(schema: TSchema, value: unknown): void {
  expect(Compile(schema).Errors(value)).toEqual([]);
}

describe('the pricing typed client against the real pricing service', () => {
  let pricing: PricingHarness;
  let client: PricingClient;

  beforeAll(async () => {
    pricing = await startPricing();
    const url = await pricing.service.listen();
    client = new PricingClient(
      new ServiceClient({ name: 'pricing', baseUrl: url, logger: silentLogger, retries: 0 }),
    );
    await pricing.put('CLI-1', { amount: 1200, currency: 'USD', compareAtAmount: 1500 });
    await pricing.put('CLI-1', { amount: 1000, currency: 'USD', minQuantity: 6 });
    await pricing.put('CLI-2', { amount: 900, currency: 'EUR' });
  });
  afterAll(async () => {
    await client.close();
    await pricing.close();
  });

  it('when a price is read, then the answer matches the published price schema', async () => {
    const price = await client.getPrice('CLI-1', 'USD');
    expectSchema(PriceSchema, price);
    expect(price).toMatchObject({
      amount: 1200,
      compareAtAmount: 1500,
      tiers: [{ minQuantity: 6, amount: 1000 }],
    });
    expect(await client.getPrice('CLI-2')).toBeUndefined();
  });

  it('when a batch is read, then priced SKUs come back by SKU and the body matches its schema', async () => {
    const prices = await client.getPrices(['CLI-1', 'CLI-2', 'NONE'], 'EUR');
    expect([...prices.keys()]).toEqual(['CLI-2']);
    const raw = await pricing.get('/prices?skus=CLI-1,CLI-2&currency=USD');
    expectSchema(PriceBatchSchema, raw.json());
  });

  it('when more than 100 SKUs are asked for, then the client reads them in batches', async () => {
    const skus = [...Array.from({ length: 150 }, (_, i) => `MISSING-${i}`), 'CLI-1'];
    const prices = await client.getPrices(skus, 'USD');
    expect([...prices.keys()]).toEqual(['CLI-1']);
  });

  it('when the service answers a 4xx, then the client throws its coded problem', async () => {
    await expect(client.getPrice('CLI-1', 'GBP')).rejects.toMatchObject({
      code: 'PRICING.UNSUPPORTED_CURRENCY',
    });
  });

  it('when a client is asked for by name, then pricing gets its typed client', async () => {
    const http = new ServiceClient({
      name: 'pricing',
      baseUrl: 'http://127.0.0.1:1',
      logger: silentLogger,
    });
    const named = clientFor('pricing', http);
    expect(named).toBeInstanceOf(PricingClient);
    await named.close();
  });
});
