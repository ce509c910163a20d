import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCart, type CartHarness } from './harness.ts';

describe('the cart API description', () => {
  let h: CartHarness;
  beforeAll(async () => (h = await startCart()));
  afterAll(() => h.close());

  it('when /openapi.json is fetched, then it is a valid OpenAPI document with every cart route', async () => {
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
        'POST /carts',
        'GET /carts/{id}',
        'DELETE /carts/{id}',
        'POST /carts/{id}/items',
        'PATCH /carts/{id}/items/{itemId}',
        'DELETE /carts/{id}/items/{itemId}',
        'POST /carts/{id}/promotion',
        'DELETE /carts/{id}/promotion',
        'POST /carts/{id}/merge',
      ]),
    );
  });
});
