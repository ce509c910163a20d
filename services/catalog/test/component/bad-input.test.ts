import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleProduct, startCatalog, type CatalogHarness } from './harness.ts';

describe('catalog answers bad input with problem+json, never a 500', () => {
  let catalog: CatalogHarness;
  beforeAll(async () => {
    catalog = await startCatalog({ BODY_LIMIT_BYTES: '4096' });
  });
  afterAll(async () => catalog.close());

  const cases: {
    name: string;
    method?: 'GET' | 'POST' | 'PATCH';
    url: string;
    body?: string;
    status: number;
    code: string;
  }[] = [
    {
      name: 'malformed JSON',
      method: 'POST',
      url: '/products',
      body: '{"name": "x",',
      status: 400,
      code: 'COMMON.MALFORMED_JSON',
    },
    {
      name: 'an empty JSON body',
      method: 'POST',
      url: '/products',
      body: '',
      status: 400,
      code: 'COMMON.MALFORMED_JSON',
    },
    {
      name: 'a wrong type',
      method: 'POST',
      url: '/products',
      body: JSON.stringify(sampleProduct({ name: 42 })),
      status: 400,
      code: 'COMMON.VALIDATION_FAILED',
    },
    {
      name: 'a number given as a string',
      method: 'POST',
      url: '/products',
      body: JSON.stringify(sampleProduct({ attributes: { weight: { kg: 1 } } })),
      status: 400,
      code: 'COMMON.VALIDATION_FAILED',
    },
    {
      name: 'an unknown field',
      method: 'POST',
      url: '/products',
      body: JSON.stringify(sampleProduct({ colour: 'red' })),
      status: 400,
      code: 'COMMON.VALIDATION_FAILED',
    },
    {
      name: 'a blank name',
      method: 'POST',
      url: '/products',
      body: JSON.stringify(sampleProduct({ name: '   ' })),
      status: 400,
      code: 'COMMON.VALIDATION_FAILED',
    },
    {
      name: 'no variants',
      method: 'POST',
      url: '/products',
      body: JSON.stringify(sampleProduct({ variants: [] })),
      status: 400,
      code: 'COMMON.VALIDATION_FAILED',
    },
    {
      name: 'a SKU with spaces',
      method: 'POST',
      url: '/products',
      body: JSON.stringify(sampleProduct({ variants: [{ sku: 'A B', options: {} }] })),
      status: 400,
      code: 'COMMON.VALIDATION_FAILED',
    },
    {
      name: 'duplicate variants',
      method: 'POST',
      url: '/products',
      body: JSON.stringify(
        sampleProduct({
          variants: [
            { sku: 'A1', options: { c: 'x' } },
            { sku: 'A2', options: { c: 'x' } },
          ],
        }),
      ),
      status: 422,
      code: 'CATALOG.DUPLICATE_VARIANT',
    },
    {
      name: 'an oversized body',
      method: 'POST',
      url: '/products',
      body: JSON.stringify(sampleProduct({ description: 'x'.repeat(5000) })),
      status: 413,
      code: 'COMMON.PAYLOAD_TOO_LARGE',
    },
    {
      name: 'an array instead of an object',
      method: 'POST',
      url: '/products',
      body: '[]',
      status: 400,
      code: 'COMMON.VALIDATION_FAILED',
    },
    {
      name: 'an empty patch',
      method: 'PATCH',
      url: '/products/prd_01JD3ZZZZZZZZZZZZZZZZZZZZZ',
      body: '{}',
      status: 400,
      code: 'COMMON.VALIDATION_FAILED',
    },
    {
      name: 'a patch of an unknown product',
      method: 'PATCH',
      url: '/products/prd_01JD3ZZZZZZZZZZZZZZZZZZZZZ',
      body: '{"name":"x"}',
      status: 404,
      code: 'CATALOG.PRODUCT_NOT_FOUND',
    },
    {
      name: 'a limit that is not a number',
      url: '/products?limit=ten',
      status: 400,
      code: 'COMMON.VALIDATION_FAILED',
    },
    {
      name: 'a limit out of range',
      url: '/products?limit=1000',
      status: 400,
      code: 'COMMON.VALIDATION_FAILED',
    },
    {
      name: 'a forged cursor',
      url: '/products?cursor=not-a-cursor',
      status: 400,
      code: 'COMMON.INVALID_CURSOR',
    },
    {
      name: 'an unknown status',
      url: '/products?status=deleted',
      status: 400,
      code: 'COMMON.VALIDATION_FAILED',
    },
    {
      name: 'an unknown product id',
      url: '/products/prd_01JD3ZZZZZZZZZZZZZZZZZZZZZ',
      status: 404,
      code: 'CATALOG.PRODUCT_NOT_FOUND',
    },
    {
      name: 'an unknown slug',
      url: '/products/no-such-thing',
      status: 404,
      code: 'CATALOG.PRODUCT_NOT_FOUND',
    },
    {
      name: 'an unknown category',
      url: '/categories/cat_01JD3ZZZZZZZZZZZZZZZZZZZZZ',
      status: 404,
      code: 'CATALOG.CATEGORY_NOT_FOUND',
    },
    { name: 'an unknown route', url: '/nothing-here', status: 404, code: 'COMMON.ROUTE_NOT_FOUND' },
    {
      name: 'a bad search sort',
      url: '/search?q=a&sort=cheapest',
      status: 400,
      code: 'COMMON.VALIDATION_FAILED',
    },
    {
      name: 'a negative price filter',
      url: '/search?q=a&minPrice=-5',
      status: 400,
      code: 'COMMON.VALIDATION_FAILED',
    },
    {
      name: 'a price range whose minimum is above its maximum',
      url: '/search?q=lamp&minPrice=500&maxPrice=100',
      status: 400,
      code: 'CATALOG.INVERTED_PRICE_RANGE',
    },
    {
      name: 'a non-boolean inStock',
      url: '/search?q=a&inStock=maybe',
      status: 400,
      code: 'COMMON.VALIDATION_FAILED',
    },
    {
      name: 'a forged search cursor',
      url: '/search?q=a&cursor=eyJvIjotMX0',
      status: 400,
      code: 'COMMON.INVALID_CURSOR',
    },
    {
      name: 'a missing suggest query',
      url: '/search/suggest',
      status: 400,
      code: 'COMMON.VALIDATION_FAILED',
    },
    {
      name: 'an unknown media key',
      url: '/media/products/nothing.png',
      status: 404,
      code: 'CATALOG.MEDIA_NOT_FOUND',
    },
    {
      name: 'a media key that climbs out',
      url: '/media/..%2F..%2Fetc%2Fpasswd',
      status: 404,
      code: 'CATALOG.MEDIA_NOT_FOUND',
    },
  ];

  for (const testCase of cases) {
    it(`when a request has ${testCase.name}, then ${testCase.status} ${testCase.code}`, async () => {
      const response = await catalog.service.app.inject({
        method: testCase.method ?? 'GET',
        url: testCase.url,
        headers: {
          ...catalog.admin,
          ...(testCase.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(testCase.body !== undefined ? { payload: testCase.body } : {}),
      });
      expect(response.statusCode, response.body).toBe(testCase.status);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({
        status: testCase.status,
        code: testCase.code,
        type: expect.any(String),
        title: expect.any(String),
        detail: expect.any(String),
      });
    });
  }

  it('when a body is not JSON, then 415 and nothing is written', async () => {
    for (const contentType of ['text/plain', 'application/xml']) {
      const response = await catalog.service.app.inject({
        method: 'POST',
        url: '/products',
        headers: { ...catalog.admin, 'content-type': contentType },
        payload: 'name=x',
      });
      expect(response.statusCode).toBe(415);
      expect(response.json().code).toBe('COMMON.UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('when a known resource is asked with a method it does not answer, then 405 lists the methods', async () => {
    for (const [method, url, allow] of [
      ['PUT', '/products/prd_01JD3ZZZZZZZZZZZZZZZZZZZZZ', 'GET, HEAD, PATCH, DELETE'],
      ['DELETE', '/search?q=lamp', 'GET, HEAD'],
      ['POST', '/categories/cat_01JD3ZZZZZZZZZZZZZZZZZZZZZ', 'GET, HEAD, PATCH'],
    ] as const) {
      const response = await catalog.service.app.inject({ method, url, headers: catalog.admin });
      expect(response.statusCode, `${method} ${url}`).toBe(405);
      expect(response.headers['allow']).toBe(allow);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().code).toBe('COMMON.METHOD_NOT_ALLOWED');
    }
  });

  it('when a body has several problems, then each offending field is listed', async () => {
    const response = await catalog.service.app.inject({
      method: 'POST',
      url: '/products',
      headers: catalog.admin,
      payload: { name: 1, brand: 2, variants: 'none', extra: true },
    });
    expect(response.statusCode).toBe(400);
    const fields = response
      .json<{ errors: { field: string }[] }>()
      .errors.map((error) => error.field);
    expect(fields).toEqual(
      expect.arrayContaining(['body.name', 'body.brand', 'body.variants', 'body.extra']),
    );
  });

  it('when every bad request has been answered, then nothing was written', async () => {
    const response = await catalog.service.app.inject({
      url: '/products?status=draft',
      headers: catalog.admin,
    });
    expect(response.json().items).toEqual([]);
    expect(
      (await catalog.service.app.inject({ url: '/products', headers: catalog.admin })).json().items,
    ).toEqual([]);
  });
});
