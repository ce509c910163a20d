import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../src/cache/memory-cache.ts';
import { ServiceClient } from '../../src/resilience/service-client.ts';
import { instantClock, silentLogger } from '../../src/testing/index.ts';

describe('ServiceClient', () => {
  let upstream: FastifyInstance;
  let base: string;
  let failuresLeft = 0;
  let calls = 0;
  const clients: ServiceClient[] = [];

  beforeEach(async () => {
    calls = 0;
    failuresLeft = 0;
    upstream = Fastify();
    upstream.get('/price', async (_request, reply) => {
      calls++;
      if (failuresLeft-- > 0) return reply.status(503).send({ code: 'DOWN' });
      return { amount: 1999 };
    });
    upstream.post('/charge', async (_request, reply) => {
      calls++;
      return reply.status(503).send({});
    });
    upstream.get(
      '/slow',
      async () => new Promise((resolve) => setTimeout(() => resolve({ late: true }), 500)),
    );
    upstream.get('/missing', async (_request, reply) => reply.status(404).send({ code: 'NOPE' }));
    base = await upstream.listen({ host: '127.0.0.1', port: 0 });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await upstream.close();
  });

  function client(options: Partial<ConstructorParameters<typeof ServiceClient>[0]> = {}) {
    const created = new ServiceClient({
      name: 'pricing',
      baseUrl: base,
      logger: silentLogger,
      timeoutMs: 200,
      retries: 2,
      ...options,
    });
    clients.push(created);
    return created;
  }

  it('when an idempotent request fails transiently, then it is retried and succeeds', async () => {
    failuresLeft = 2;
    const response = await client().request<{ amount: number }>({ method: 'GET', path: '/price' });
    expect(response).toMatchObject({ status: 200, body: { amount: 1999 }, stale: false });
    expect(calls).toBe(3);
  });

  it('when a POST fails, then it is not retried and the caller gets 502 UPSTREAM_UNAVAILABLE', async () => {
    await expect(
      client().request({ method: 'POST', path: '/charge', body: {} }),
    ).rejects.toMatchObject({ code: 'COMMON.UPSTREAM_UNAVAILABLE' });
    expect(calls).toBe(1);
  });

  it('when the upstream answers a 4xx, then it is returned as is, not retried', async () => {
    const response = await client().request<{ code: string }>({ method: 'GET', path: '/missing' });
    expect(response.status).toBe(404);
    expect(calls).toBe(0);
  });

  it('when the upstream is too slow, then UPSTREAM_TIMEOUT', async () => {
    await expect(
      client({ retries: 0 }).request({ method: 'GET', path: '/slow' }),
    ).rejects.toMatchObject({ code: 'COMMON.UPSTREAM_TIMEOUT' });
  });

  it('when failures repeat, then the breaker opens and calls stop reaching the upstream', async () => {
    failuresLeft = 100;
    const breaking = client({
      retries: 0,
      breaker: { consecutiveFailures: 3, halfOpenAfterMs: 60_000 },
    });
    for (let i = 0; i < 3; i++)
      await expect(breaking.request({ method: 'GET', path: '/price' })).rejects.toBeDefined();
    expect(breaking.breakerState()).toBe('open');
    const before = calls;
    await expect(breaking.request({ method: 'GET', path: '/price' })).rejects.toMatchObject({
      code: 'COMMON.UPSTREAM_UNAVAILABLE',
    });
    expect(calls).toBe(before);
  });

  it('when the upstream is down and a cached copy exists, then the copy is served marked stale', async () => {
    const cache = new MemoryCache({ maxEntries: 10, clock: instantClock() });
    const cached = client({ retries: 0, staleCache: { cache, ttlMs: 60_000 } });
    expect((await cached.request({ method: 'GET', path: '/price' })).stale).toBe(false);
    failuresLeft = 100;
    const degraded = await cached.request<{ amount: number }>({ method: 'GET', path: '/price' });
    expect(degraded).toMatchObject({ stale: true, body: { amount: 1999 } });
  });

  it('when a request is made inside a trace, then the upstream receives a child traceparent', async () => {
    let seen: string | undefined;
    upstream.server.on('request', (request) => {
      seen = request.headers.traceparent as string;
    });
    const { runInTrace } = await import('../../src/observability/trace-context.ts');
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await runInTrace({ traceId, spanId: '00f067aa0ba902b7', flags: '01' }, () =>
      client().request({ method: 'GET', path: '/price' }),
    );
    expect(seen).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
  });
});
