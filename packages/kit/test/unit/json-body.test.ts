import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type CreatedServer } from '../../src/index.ts';
import { silentLogger } from '../../src/testing/index.ts';

describe('JSON bodies', () => {
  let server: CreatedServer;
  beforeAll(async () => {
    server = await createHttpServer({ name: 'shop', logger: silentLogger, bodyLimitBytes: 256 });
    server.app.post('/echo', { schema: { body: {} } }, async (request) => ({
      received: request.body,
    }));
    await server.app.ready();
  });
  afterAll(async () => server.app.close());

  const post = (payload: string) =>
    server.app.inject({
      method: 'POST',
      url: '/echo',
      payload,
      headers: { 'content-type': 'application/json' },
    });

  it.each([
    ['{"__proto__": {"admin": true}}', '"__proto__" is not allowed as a key'],
    ['{"a": [{"__proto__": null}]}', '"__proto__" is not allowed as a key'],
    ['{"\\u005f_proto__": {"admin": true}}', '"__proto__" is not allowed as a key'],
    ['{"a": {"constructor": {"prototype": {"x": 1}}}}', '"constructor.prototype" is not allowed'],
  ])('when the body is %s, then 400 COMMON.FORBIDDEN_KEY saying so', async (payload, detail) => {
    const response = await post(payload);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'COMMON.FORBIDDEN_KEY' });
    expect(response.json().detail).toContain(detail);
  });

  it.each(['{"name": "x",', '', '   ', '{"a": 1}}'])(
    'when the body %j is not JSON, then 400 COMMON.MALFORMED_JSON',
    async (payload) => {
      const response = await post(payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('COMMON.MALFORMED_JSON');
    },
  );

  it('when keys merely mention proto or constructor, then the body is accepted as sent', async () => {
    const body = { prototype: 'fine', constructor: 'fine', proto: { constructor: 1 }, x: '\u00e9' };
    const response = await post(JSON.stringify(body).replace('é', '\\u00e9'));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ received: body });
  });

  it('when the body is over the limit, then 413', async () => {
    const response = await post(JSON.stringify({ text: 'x'.repeat(400) }));
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('COMMON.PAYLOAD_TOO_LARGE');
  });
});
