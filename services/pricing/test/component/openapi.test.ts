import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPricing, type PricingHarness } from './harness.ts';

describe('the pricing API description', () => {
  let pricing: PricingHarness;
  beforeAll(async () => (pricing = await startPricing()));
  afterAll(() => pricing.close());

  it('when /openapi.json is fetched, then it is a valid OpenAPI document with every price route', async () => {
    const document = (await pricing.get('/openapi.json')).json();
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    const operations = Object.entries(
      document.paths as Record<string, Record<string, unknown>>,
    ).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        'PUT /prices/{sku}',
        'GET /prices/{sku}',
        'GET /prices',
        'GET /prices/{sku}/history',
      ]),
    );
  });
});
