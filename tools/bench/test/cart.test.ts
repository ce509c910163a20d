import { describe, expect, it } from 'vitest';
import { postBody, postRoute, type PostSpec } from '../src/load.ts';
import { luaPosts, luaRotatingPaths } from '../src/load-wrk.ts';

const spec: PostSpec = {
  path: '/api/carts/-/items',
  headers: { authorization: 'Bearer t' },
  template: '{"sku":"$V","quantity":1}',
  values: ['A', 'B'],
  runId: 'r1',
  routes: [
    { path: '/api/carts/c1/items', headers: { 'x-cart-token': 't1' } },
    { path: '/api/carts/c2/items', headers: { 'x-cart-token': 't2' } },
    { path: '/api/carts/c3/items', headers: { 'x-cart-token': 't3' } },
  ],
};

describe('add-to-cart requests', () => {
  it('when requests are drawn over 3 carts and 2 SKUs, then each cart gets both SKUs in turn with its own token', () => {
    const drawn = Array.from({ length: 6 }, (_, n) => ({
      ...postRoute(spec, n),
      sku: (JSON.parse(postBody(spec, n)) as { sku: string }).sku,
    }));
    const seen = (path: string) => drawn.filter((request) => request.path === path);
    expect(seen('/api/carts/c1/items').map((request) => request.sku)).toEqual(['A', 'B']);
    expect(seen('/api/carts/c2/items').map((request) => request.sku)).toEqual(['B', 'A']);
    expect(seen('/api/carts/c3/items').every((r) => r.headers['x-cart-token'] === 't3')).toBe(true);
  });

  it('when a spec has no routes, then every request goes to its path', () => {
    const { routes: _routes, ...single } = spec;
    expect(postRoute(single, 5)).toEqual({ path: '/api/carts/-/items', headers: {} });
  });

  it('when wrk draws them, then its script picks the route per request with the shared and own headers', () => {
    const script = luaPosts(spec);
    expect(script).toContain(
      '{ path = "/api/carts/c2/items", headers = { ["content-type"] = "application/json", ["authorization"] = "Bearer t", ["x-cart-token"] = "t2" } }',
    );
    expect(script).toContain('local route = routes[n % #routes + 1]');
    expect(script).toContain('wrk.format("POST", route.path, route.headers, body)');
  });

  it('when a GET carries headers, then the wrk script sets them', () => {
    const script = luaRotatingPaths(['/api/carts/c1'], { 'x-cart-token': 't1' });
    expect(script).toContain('wrk.headers["x-cart-token"] = "t1"');
    expect(script).toContain('return wrk.format("GET", paths[i])');
  });
});
