import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrders, type OrdersHarness } from '../support/harness.ts';

describe('the orders API description', () => {
  let h: OrdersHarness;
  beforeAll(async () => (h = await startOrders()));
  afterAll(() => h.close());

  it('when /openapi.json is fetched, then it is a valid OpenAPI document with every orders route', async () => {
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
        'GET /shipping-options',
        'POST /orders',
        'GET /orders',
        'GET /orders/{id}',
        'POST /orders/{id}/cancel',
        'POST /orders/{id}/ship',
        'POST /orders/{id}/deliver',
        'POST /orders/{id}/returns',
        'GET /returns/{id}',
        'POST /returns/{id}/receive',
      ]),
    );
  });
});
