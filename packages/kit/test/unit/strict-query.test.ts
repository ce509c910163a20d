import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type CreatedServer } from '../../src/index.ts';
import { silentLogger } from '../../src/testing/index.ts';

describe('query strings are closed by default', () => {
  let server: CreatedServer;
  beforeAll(async () => {
    server = await createHttpServer({ name: 'shop', logger: silentLogger });
    const { app } = server;
    app.get('/plain', async () => ({ ok: true }));
    app.get(
      '/filtered',
      { schema: { querystring: Type.Object({ color: Type.Optional(Type.String()) }) } },
      async (request) => request.query,
    );
    app.get(
      '/open',
      {
        schema: {
          querystring: Type.Object({}, { additionalProperties: true }),
        },
      },
      async (request) => request.query,
    );
    app.get('/proxy/*', async (request) => ({ url: request.url }));
    await app.ready();
  });
  afterAll(async () => server.app.close());

  const get = (url: string) => server.app.inject({ url });

  it.each(['/plain?x=1', '/filtered?colour=red', '/filtered?color=red&bust=1'])(
    'when %s carries an unknown parameter, then 400 naming it',
    async (url) => {
      const response = await get(url);
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('COMMON.VALIDATION_FAILED');
      expect(response.json().errors[0].message).toBe('is not allowed');
    },
  );

  it('when only declared parameters are sent, then the route answers', async () => {
    expect((await get('/plain')).statusCode).toBe(200);
    expect((await get('/filtered?color=red')).json()).toEqual({ color: 'red' });
  });

  it('when a route opens its query or ends in a wildcard, then any parameter passes through', async () => {
    expect((await get('/open?anything=1')).json()).toEqual({ anything: '1' });
    expect((await get('/proxy/a/b?q=1&z=2')).json()).toEqual({ url: '/proxy/a/b?q=1&z=2' });
  });
});
