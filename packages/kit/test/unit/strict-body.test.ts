import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type CreatedServer } from '../../src/index.ts';
import { silentLogger } from '../../src/testing/index.ts';

describe('routes that declare no body', () => {
  let server: CreatedServer;
  let handled = 0;
  beforeAll(async () => {
    server = await createHttpServer({ name: 'shop', logger: silentLogger });
    server.app.post('/carts', async () => ({ created: ++handled }));
    server.app.delete('/carts/:id', async () => ({ deleted: true }));
    server.app.post('/quotes', { schema: { body: {} } }, async (request) => request.body);
    await server.app.ready();
  });
  afterAll(async () => server.app.close());

  const post = (payload?: string, url = '/carts', method: 'POST' | 'DELETE' = 'POST') =>
    server.app.inject({
      method,
      url,
      ...(payload === undefined
        ? {}
        : { payload, headers: { 'content-type': 'application/json' } }),
    });

  it('when nothing, {} or null is sent, then the route runs', async () => {
    for (const payload of [undefined, '{}', 'null']) {
      expect((await post(payload)).statusCode).toBe(200);
    }
    expect((await post(undefined, '/carts/crt_1', 'DELETE')).statusCode).toBe(200);
  });

  it('when fields are sent, then 400 problem+json names each, and the handler never ran', async () => {
    const before = handled;
    const response = await post('{"currency":"EUR","x":1}');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      code: 'COMMON.VALIDATION_FAILED',
      errors: [
        { field: 'body.currency', message: 'is not allowed' },
        { field: 'body.x', message: 'is not allowed' },
      ],
    });
    expect(handled).toBe(before);
  });

  it('when an array or a scalar is sent, then 400', async () => {
    for (const payload of ['[]', '[1]', '"EUR"', '3', 'true']) {
      const response = await post(payload);
      expect(response.statusCode, payload).toBe(400);
      expect(response.json()).toMatchObject({ code: 'COMMON.VALIDATION_FAILED' });
    }
    expect((await post('{"a":1}', '/carts/crt_1', 'DELETE')).statusCode).toBe(400);
  });

  it('when a route declares a body schema, then it is that schema that decides', async () => {
    const response = await post('{"currency":"EUR"}', '/quotes');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ currency: 'EUR' });
  });
});
