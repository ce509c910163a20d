import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '@emporium/kit/testing';
import { startService } from '@emporium/kit';
import { gatewayService, type GatewayService } from '../src/service.ts';
import { createTokenMint } from './tokens.ts';

const mint = createTokenMint();

interface Upstream {
  app: FastifyInstance;
  url: string;
  seen: { url: string; headers: Record<string, unknown>; body: unknown }[];
}

async function startUpstream(): Promise<Upstream> {
  const seen: Upstream['seen'] = [];
  const app = Fastify();
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.all('/*', async (request, reply) => {
    seen.push({ url: request.url, headers: request.headers, body: request.body });
    if (request.url.startsWith('/products/slow'))
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    if (request.url.startsWith('/admin/dead-letters'))
      return reply.send({
        items: [
          {
            id: 'dlq_1',
            service: 'catalog',
            group: 'catalog.x',
            event: { id: 'e', source: 's', type: 't', subject: 'x', time: 'now', data: {} },
            error: 'boom',
            attempts: 5,
            failedAt: 'now',
            status: 'dead',
            redrivenAt: null,
          },
        ],
        nextCursor: null,
      });
    return reply.status(request.method === 'POST' ? 201 : 200).send({ echoed: request.url });
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url, seen };
}

describe('gateway', () => {
  let catalog: Upstream;
  let gateway: GatewayService;
  let deadPort: number;

  beforeEach(async () => {
    catalog = await startUpstream();
    const probe = Fastify();
    await probe.listen({ host: '127.0.0.1', port: 0 });
    deadPort = (probe.server.address() as { port: number }).port;
    await probe.close();
    const env = {
      LOG_LEVEL: 'silent',
      GATEWAY_PORT: '0',
      CATALOG_URL: catalog.url,
      // The cart's routes reach the same echoing stand-in.
      CART_URL: catalog.url,
      ACCOUNTS_URL: `http://127.0.0.1:${deadPort}`,
      GATEWAY_SERVICES: 'catalog,accounts,cart',
      GATEWAY_UPSTREAM_TIMEOUT_MS: '300',
    };
    gateway = await startService(gatewayService, {
      env,
      logger: silentLogger,
      processMetrics: false,
      verifier: mint.verifier,
    });
  });
  afterEach(async () => {
    await gateway.close();
    await catalog.app.close();
  });

  it('when a resource is requested under /api, then the owning service answers with path and query intact', async () => {
    const response = await gateway.app.inject({ url: '/api/products/prd_1?x=1&y=2' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ echoed: '/products/prd_1?x=1&y=2' });
    expect((await gateway.app.inject({ url: '/api/search?q=a' })).json()).toEqual({
      echoed: '/search?q=a',
    });
  });

  it('when a request is forwarded, then it carries the request id and a child traceparent of the caller’s trace', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const response = await gateway.app.inject({
      url: '/api/products',
      headers: { 'x-request-id': 'req-abc', traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    expect(response.headers['x-request-id']).toBe('req-abc');
    const forwarded = catalog.seen.at(-1)!.headers;
    expect(forwarded['x-request-id']).toBe('req-abc');
    expect(forwarded['traceparent']).toMatch(
      new RegExp(`^00-${traceId}-(?!00f067aa0ba902b7)[0-9a-f]{16}-01$`),
    );
  });

  it('when a body is posted, then it reaches the service byte for byte, with its content type', async () => {
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/api/products',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${mint.token({ roles: ['admin'] })}`,
      },
      payload: '{"name":"x"}',
    });
    expect(response.statusCode).toBe(201);
    const { headers, body } = catalog.seen.at(-1)!;
    expect(headers['content-type']).toBe('application/json');
    expect(Buffer.from(body as Buffer).toString()).toBe('{"name":"x"}');
  });

  it('when an anonymous shopper calls a cart route, then its X-Cart-Token reaches the cart service and no edge rule stops it', async () => {
    const created = await gateway.app.inject({ method: 'POST', url: '/api/carts' });
    expect(created.statusCode).toBe(201);
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/api/carts/crt_1/items',
      headers: { 'x-cart-token': 'the-token', 'content-type': 'application/json' },
      payload: '{"sku":"A","quantity":1}',
    });
    expect(response.statusCode).toBe(201);
    const { url, headers } = catalog.seen.at(-1)!;
    expect(url).toBe('/carts/crt_1/items');
    expect(headers['x-cart-token']).toBe('the-token');
  });

  it('when the owning service is down, then 502 problem+json', async () => {
    const response = await gateway.app.inject({ url: '/api/auth/login' });
    expect(response.statusCode).toBe(502);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'COMMON.UPSTREAM_UNAVAILABLE', status: 502 });
  });

  it('when the owning service is too slow, then 504 problem+json', async () => {
    const response = await gateway.app.inject({ url: '/api/products/slow' });
    expect(response.statusCode).toBe(504);
    expect(response.json()).toMatchObject({ code: 'COMMON.UPSTREAM_TIMEOUT', status: 504 });
  });

  it('when a resource is unknown or its service not deployed, then 404 or 502 problem+json', async () => {
    const unknown = await gateway.app.inject({ url: '/api/nothing' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('COMMON.ROUTE_NOT_FOUND');
    const catalogOnly = await startService(gatewayService, {
      env: { LOG_LEVEL: 'silent', GATEWAY_PORT: '0', GATEWAY_SERVICES: 'catalog' },
      logger: silentLogger,
      processMetrics: false,
    });
    try {
      const undeployed = await catalogOnly.app.inject({ url: '/api/accounts/me' });
      expect(undeployed.statusCode).toBe(502);
      expect(undeployed.json().detail).toContain('accounts');
    } finally {
      await catalogOnly.close();
    }
  });

  it('when dead letters are listed, then every reachable service is asked with the caller’s credentials', async () => {
    const admin = `Bearer ${mint.token({ roles: ['admin'] })}`;
    const response = await gateway.app.inject({
      url: '/api/admin/dead-letters?service=catalog',
      headers: { authorization: admin },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().items.map((item: { id: string }) => item.id)).toEqual(['dlq_1']);
    expect(catalog.seen.at(-1)!.headers['authorization']).toBe(admin);
  });
});

describe('gateway in embedded mode (services in the same process)', () => {
  it('when a request reaches the gateway port, then the in-process service answers it with rewritten path, request id and child trace', async () => {
    const seen: { url: string; headers: Record<string, unknown> }[] = [];
    const catalogApp = Fastify();
    catalogApp.get('/products/:id', async (request, reply) => {
      seen.push({ url: request.url, headers: request.headers });
      return reply
        .header('x-request-id', request.headers['x-request-id'])
        .send({ id: (request.params as { id: string }).id });
    });
    await catalogApp.ready();
    const env = {
      LOG_LEVEL: 'silent',
      GATEWAY_PORT: '0',
      GATEWAY_SERVICES: 'catalog',
    };
    const gateway = await startService(gatewayService, {
      env,
      logger: silentLogger,
      processMetrics: false,
      peers: new Map([['catalog', catalogApp]]),
    });
    try {
      const base = await gateway.listen();
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      const response = await fetch(`${base}/api/products/prd_9?x=1`, {
        headers: {
          'x-request-id': 'req-embedded',
          traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
        },
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ id: 'prd_9' });
      expect(seen[0]!.url).toBe('/products/prd_9?x=1');
      expect(seen[0]!.headers['x-request-id']).toBe('req-embedded');
      expect(seen[0]!.headers['traceparent']).toMatch(
        new RegExp(`^00-${traceId}-(?!00f067aa0ba902b7)[0-9a-f]{16}-01$`),
      );
      const unknown = await fetch(`${base}/api/nothing`);
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get('content-type')).toMatch(/problem\+json/);
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toContain('route="/api/catalog",status="200"');
    } finally {
      await gateway.close();
      await catalogApp.close();
    }
  });
});
