import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type CreatedServer } from '../../src/index.ts';
import { silentLogger } from '../../src/testing/index.ts';

describe('request metrics', () => {
  let server: CreatedServer;
  beforeAll(async () => {
    server = await createHttpServer({ name: 'shop', logger: silentLogger });
    server.app.get('/things/:id', async (request) => {
      const { id } = request.params as { id: string };
      if (id === 'broken') throw new Error('boom');
      return { id };
    });
    await server.app.ready();
    for (const id of ['a', 'b', 'broken']) await server.app.inject({ url: `/things/${id}` });
    await server.app.inject({ method: 'DELETE', url: '/nowhere' });
  });
  afterAll(async () => {
    await server.app.close();
  });

  const scrape = async () => (await server.app.inject({ url: '/metrics' })).body;

  it('counts requests by route pattern and status, and 5xx answers as errors', async () => {
    const text = await scrape();
    expect(text).toContain(
      'http_requests_total{method="GET",route="/things/:id",status="200",service="shop"} 2',
    );
    expect(text).toContain(
      'http_requests_total{method="GET",route="/things/:id",status="500",service="shop"} 1',
    );
    expect(text).toContain(
      'http_request_errors_total{method="GET",route="/things/:id",status="500",service="shop"} 1',
    );
    expect(text).not.toContain(
      'http_request_errors_total{method="GET",route="/things/:id",status="200"',
    );
    expect(text).toContain(
      'http_requests_total{method="DELETE",route="unmatched",status="404",service="shop"} 1',
    );
  });

  it('exports latency as a Prometheus histogram by route, over all statuses', async () => {
    const text = await scrape();
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(text).toContain(
      'http_request_duration_seconds_bucket{method="GET",route="/things/:id",le="+Inf",service="shop"} 3',
    );
    expect(text).toContain(
      'http_request_duration_seconds_count{method="GET",route="/things/:id",service="shop"} 3',
    );
    const buckets = [
      ...text.matchAll(
        /http_request_duration_seconds_bucket\{method="GET",route="\/things\/:id",le="([^"]+)"[^}]*\} (\d+)/g,
      ),
    ].map(([, le, count]) => ({ le, count: Number(count) }));
    expect(buckets).toHaveLength(13);
    const counts = buckets.map((bucket) => bucket.count);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
  });

  it('starts from zero after a registry reset and keeps counting', async () => {
    server.metrics.registry.resetMetrics();
    await server.app.inject({ url: '/things/c' });
    expect(await scrape()).toContain(
      'http_requests_total{method="GET",route="/things/:id",status="200",service="shop"} 1',
    );
  });
});
