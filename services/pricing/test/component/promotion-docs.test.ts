import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPromotionHarness, type PromotionHarness } from './promotion-harness.ts';

describe('the API description of promotions and quotes', () => {
  let h: PromotionHarness;
  beforeAll(async () => (h = await startPromotionHarness()));
  afterAll(() => h.close());

  it('when /openapi.json is fetched, then it is valid OpenAPI 3.1 and lists the promotion and quote routes', async () => {
    const document = (await h.request('GET', '/openapi.json')).json();
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    const operations = Object.entries(
      document.paths as Record<string, Record<string, unknown>>,
    ).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        'POST /promotions',
        'GET /promotions',
        'GET /promotions/{code}',
        'POST /promotions/{code}/redemptions',
        'DELETE /promotions/{code}/redemptions/{orderId}',
        'POST /quotes',
        'GET /quotes/{id}',
      ]),
    );
  });
});
