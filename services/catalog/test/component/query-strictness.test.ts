import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCatalog, type CatalogHarness } from './harness.ts';

describe('catalog refuses unknown query parameters', () => {
  let catalog: CatalogHarness;
  beforeAll(async () => {
    catalog = await startCatalog();
  });
  afterAll(async () => catalog.close());

  it.each([
    '/products?junk=1',
    '/products?limit=20&bust=81723',
    '/products/prd_01JD3ZZZZZZZZZZZZZZZZZZZZZ?x=1',
    '/categories?foo=bar',
    '/search?q=hat&page=2',
    '/search/suggest?q=ha&x=1',
    '/health/live?probe=1',
    '/admin/dead-letters?service=catalog&x=1',
  ])('when %s is asked, then 400 naming the parameter', async (url) => {
    const response = await catalog.service.app.inject({ url, headers: catalog.admin });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().code).toBe('COMMON.VALIDATION_FAILED');
    expect(response.json().detail).toMatch(/querystring\.\w+ is not allowed/);
  });

  it.each([
    '/products?limit=20',
    '/products?brand=Aurora&status=active',
    '/categories?limit=100',
    '/search?q=hat&sort=newest&limit=8',
    '/search/suggest?q=ha&limit=8',
  ])('when %s uses only known parameters, then it is answered', async (url) => {
    const response = await catalog.service.app.inject({ url });
    expect(response.statusCode, response.body).toBe(200);
  });
});
