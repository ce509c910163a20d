import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster, stopProcess, waitFor } from './harness.ts';

describe('the distributed platform (separate processes on Kafka, DynamoDB, OpenSearch, S3)', () => {
  let cluster: Cluster;
  let admin: Record<string, string>;

  beforeAll(async () => {
    cluster = await Cluster.plan({ gatewayEnv: { GATEWAY_UPSTREAM_TIMEOUT_MS: '1000' } });
    await cluster.start();
    admin = await cluster.admin();
  });
  afterAll(async () => {
    await cluster?.close();
  });

  /** Resolves with how long it took until `search(q)` includes (or excludes) `id`. */
  async function searchSettles(q: string, id: string, present: boolean, timeoutMs = 10_000) {
    const start = Date.now();
    await waitFor(
      `search ${q} ${present ? 'has' : 'lacks'} ${id}`,
      async () => ((await cluster.search(q)).includes(id) === present ? true : undefined),
      timeoutMs,
    );
    return Date.now() - start;
  }

  it('when an admin creates, renames and archives a product, then search follows through Kafka within 2 s', async () => {
    const created = await fetch(`${cluster.api}/products`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({
        name: 'Aurora Lantern',
        brand: 'Lumen',
        variants: [{ sku: 'AURORA-1', options: {} }],
      }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect(await searchSettles('lantern', id, true)).toBeLessThanOrEqual(2_000);

    const renamed = await fetch(`${cluster.api}/products/${id}`, {
      method: 'PATCH',
      headers: { ...admin, 'if-match': '"1"' },
      body: JSON.stringify({ name: 'Aurora Beacon' }),
    });
    expect(renamed.status).toBe(200);
    expect(await searchSettles('beacon', id, true)).toBeLessThanOrEqual(2_000);
    expect(await cluster.search('lantern')).not.toContain(id);

    const archived = await fetch(`${cluster.api}/products/${id}`, {
      method: 'DELETE',
      headers: { authorization: admin['authorization']! },
    });
    expect(archived.status).toBe(200);
    expect((await fetch(`${cluster.api}/products/${id}`)).status).toBe(404);
    expect(await searchSettles('beacon', id, false)).toBeLessThanOrEqual(2_000);
  });

  it('when the catalog is paused, then the gateway answers 504; when it is stopped, 502; restarted, 200', async () => {
    const catalog = () => cluster.procs.catalog!;
    const problem = async (response: Response) => {
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
      return ((await response.json()) as { code: string }).code;
    };

    process.kill(catalog().child.pid!, 'SIGSTOP');
    try {
      const started = Date.now();
      const paused = await fetch(`${cluster.api}/products/x`);
      expect(paused.status).toBe(504);
      expect(await problem(paused)).toBe('COMMON.UPSTREAM_TIMEOUT');
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      process.kill(catalog().child.pid!, 'SIGCONT');
    }
    expect((await fetch(`${cluster.api}/products/x`)).status).toBe(404);

    expect(await stopProcess(catalog())).toBe(0);
    const down = await fetch(`${cluster.api}/products/x`);
    expect(down.status).toBe(502);
    expect(await problem(down)).toBe('COMMON.UPSTREAM_UNAVAILABLE');

    await cluster.restartCatalog();
    expect((await fetch(`${cluster.api}/products?limit=1`)).status).toBe(200);
  });
});
