import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInventory, type InventoryHarness } from './harness.ts';

describe('the inventory documents its API', () => {
  let h: InventoryHarness;
  beforeAll(async () => {
    h = await startInventory();
  });
  afterAll(() => h.close());

  it('when /openapi.json is fetched, then it is a valid OpenAPI 3.1 document describing every route', async () => {
    const document = (await h.service.app.inject({ url: '/openapi.json' })).json();
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    const operations = Object.entries(
      document.paths as Record<string, Record<string, unknown>>,
    ).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        'PUT /inventory/{sku}',
        'GET /inventory/{sku}',
        'GET /inventory',
        'POST /inventory/{sku}/adjustments',
        'GET /inventory/{sku}/adjustments',
        'GET /locations',
        'POST /reservations',
        'GET /reservations/{id}',
        'POST /reservations/{id}/commit',
        'POST /reservations/{id}/release',
      ]),
    );
  });

  it('when readiness is asked, then the SQLite store answers', async () => {
    const ready = await h.service.app.inject({ url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
  });
});
