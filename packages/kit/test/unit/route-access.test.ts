import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ROUTE_ACCESS_EXTENSION,
  createHttpServer,
  requireAdmin,
  requireInternal,
  type CreatedServer,
} from '../../src/index.ts';
import { silentLogger } from '../../src/testing/index.ts';

type Operation = Record<string, unknown>;

describe('the OpenAPI document says which routes are admin and internal', () => {
  let server: CreatedServer;
  let paths: Record<string, Record<string, Operation>>;
  beforeAll(async () => {
    server = await createHttpServer({ name: 'shop', logger: silentLogger });
    const { app } = server;
    app.get('/open', async () => ({ ok: true }));
    app.put('/things/:id', { onRequest: requireAdmin }, async () => ({ ok: true }));
    app.post(
      '/holds',
      { onRequest: [requireInternal('shop')], schema: { summary: 'hold' } },
      async () => ({ ok: true }),
    );
    app.post('/later', { preHandler: requireAdmin }, async () => ({ ok: true }));
    app.post(
      '/stated',
      { schema: { [ROUTE_ACCESS_EXTENSION]: 'admin' } as Record<string, unknown> },
      async () => ({ ok: true }),
    );
    await app.ready();
    paths = (await server.app.inject({ url: '/openapi.json' })).json().paths;
  });
  afterAll(async () => server.app.close());

  it('when a route is guarded by requireAdmin, then its operation says admin', () => {
    expect(paths['/things/{id}']!['put']![ROUTE_ACCESS_EXTENSION]).toBe('admin');
    expect(paths['/later']!['post']![ROUTE_ACCESS_EXTENSION]).toBe('admin');
  });

  it('when a route is guarded by requireInternal, then its operation says internal and keeps its schema', () => {
    expect(paths['/holds']!['post']![ROUTE_ACCESS_EXTENSION]).toBe('internal');
    expect(paths['/holds']!['post']!['summary']).toBe('hold');
  });

  it('when a route states its access itself, then the document keeps it; open routes say nothing', () => {
    expect(paths['/stated']!['post']![ROUTE_ACCESS_EXTENSION]).toBe('admin');
    expect(paths['/open']!['get']![ROUTE_ACCESS_EXTENSION]).toBeUndefined();
  });

  it('when the guard is marked, then it still refuses anonymous callers', async () => {
    const response = await server.app.inject({ method: 'PUT', url: '/things/1' });
    expect(response.statusCode).toBe(401);
  });
});
