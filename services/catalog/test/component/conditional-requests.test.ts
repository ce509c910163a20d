import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleProduct, startCatalog, type CatalogHarness } from './harness.ts';

describe('catalog conditional requests (RFC 9110)', () => {
  let catalog: CatalogHarness;
  beforeAll(async () => {
    catalog = await startCatalog();
  });
  afterAll(async () => catalog.close());

  const inject = (options: InjectOptions) => catalog.service.app.inject(options);

  async function createProduct(): Promise<string> {
    const response = await inject({
      method: 'POST',
      url: '/products',
      headers: catalog.admin,
      payload: sampleProduct(),
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ id: string }>().id;
  }

  const patch = (id: string, headers: Record<string, string>, name = 'Renamed headphones') =>
    inject({
      method: 'PATCH',
      url: `/products/${id}`,
      headers: { ...catalog.admin, ...headers },
      payload: { name },
    });

  it('when If-Match lists the current tag among others, then the write goes ahead', async () => {
    const id = await createProduct();
    const response = await patch(id, { 'if-match': '"7", "1"' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['etag']).toBe('"2"');
  });

  it('when If-Match is "*", then the write goes ahead on an existing product', async () => {
    const id = await createProduct();
    expect((await patch(id, { 'if-match': '*' })).statusCode).toBe(200);
  });

  it('when If-Match is a well-formed tag that does not match, then 412, never 400', async () => {
    const id = await createProduct();
    for (const field of ['"2"', '"abc"', '"9", "8"', 'W/"1"']) {
      const response = await patch(id, { 'if-match': field });
      expect(response.statusCode, field).toBe(412);
      expect(response.json().code).toBe('CATALOG.VERSION_MISMATCH');
    }
    const product = await inject({ method: 'GET', url: `/products/${id}` });
    expect(product.json().version).toBe(1);
  });

  it('when If-Match or If-None-Match is malformed, then 400 with a code', async () => {
    const id = await createProduct();
    const badMatch = await patch(id, { 'if-match': '1' });
    expect(badMatch.statusCode).toBe(400);
    expect(badMatch.json().code).toBe('COMMON.INVALID_IF_MATCH');
    const badNoneMatch = await inject({
      method: 'GET',
      url: `/products/${id}`,
      headers: { 'if-none-match': 'W/ 1' },
    });
    expect(badNoneMatch.statusCode).toBe(400);
    expect(badNoneMatch.json().code).toBe('COMMON.INVALID_IF_NONE_MATCH');
  });

  it('when If-None-Match weakly matches on a read, then 304; on a write, then 412', async () => {
    const id = await createProduct();
    for (const field of ['W/"1"', '"5", "1"', '*']) {
      const read = await inject({
        method: 'GET',
        url: `/products/${id}`,
        headers: { 'if-none-match': field },
      });
      expect(read.statusCode, field).toBe(304);
      expect(read.headers['etag']).toBe('"1"');
    }
    const write = await patch(id, { 'if-none-match': '*' });
    expect(write.statusCode).toBe(412);
    const unmatched = await inject({
      method: 'GET',
      url: `/products/${id}`,
      headers: { 'if-none-match': '"5"' },
    });
    expect(unmatched.statusCode).toBe(200);
  });

  it('when a read carries an If-Match that fails, then 412', async () => {
    const id = await createProduct();
    const read = await inject({
      method: 'GET',
      url: `/products/${id}`,
      headers: { 'if-match': '"9"' },
    });
    expect(read.statusCode).toBe(412);
    expect(read.json().code).toBe('COMMON.PRECONDITION_FAILED');
  });

  it('when categories are read and written conditionally, then they follow the same rules', async () => {
    const created = await inject({
      method: 'POST',
      url: '/categories',
      headers: catalog.admin,
      payload: { name: 'Audio' },
    });
    const id = created.json<{ id: string }>().id;
    const notModified = await inject({
      method: 'GET',
      url: `/categories/${id}`,
      headers: { 'if-none-match': 'W/"1"' },
    });
    expect(notModified.statusCode).toBe(304);
    const rename = (ifMatch: string) =>
      inject({
        method: 'PATCH',
        url: `/categories/${id}`,
        headers: { ...catalog.admin, 'if-match': ifMatch },
        payload: { name: 'Sound' },
      });
    expect((await rename('"abc"')).statusCode).toBe(412);
    expect((await rename('nonsense')).statusCode).toBe(400);
    expect((await rename('"0", "1"')).statusCode).toBe(200);
  });
});
