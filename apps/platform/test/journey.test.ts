import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPlatform } from '../src/platform.ts';
import { startEmbeddedPlatform, type EmbeddedPlatform } from './embedded-platform.ts';

describe('a catalog journey through the gateway', () => {
  let embedded: EmbeddedPlatform;
  let platform: RunningPlatform;
  let api: string;
  let admin: Record<string, string>;

  beforeAll(async () => {
    embedded = await startEmbeddedPlatform('journey');
    ({ platform, api, admin } = embedded);
  });
  afterAll(() => embedded.close());

  it('when an admin creates, updates and archives a product through the gateway, then reads and search follow', async () => {
    const created = await fetch(`${api}/products`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({
        name: 'Gateway Trail Lantern',
        brand: 'Lumen',
        variants: [{ sku: 'LUM-LANTERN-1', options: {} }],
      }),
    });
    expect(created.status).toBe(201);
    const product = (await created.json()) as { id: string };
    await platform.bus.drain();
    const found = (await (await fetch(`${api}/search?q=lantern`)).json()) as {
      items: { productId: string }[];
    };
    expect(found.items.map((item) => item.productId)).toContain(product.id);

    const stale = await fetch(`${api}/products/${product.id}`, {
      method: 'PATCH',
      headers: { ...admin, 'if-match': '"7"' },
      body: JSON.stringify({ name: 'x' }),
    });
    expect(stale.status).toBe(412);
    const renamed = await fetch(`${api}/products/${product.id}`, {
      method: 'PATCH',
      headers: { ...admin, 'if-match': '"1"' },
      body: JSON.stringify({ name: 'Gateway Trail Torch' }),
    });
    expect(renamed.status).toBe(200);
    expect(renamed.headers.get('etag')).toBe('"2"');

    const archived = await fetch(`${api}/products/${product.id}`, {
      method: 'DELETE',
      headers: { authorization: admin.authorization! },
    });
    expect(archived.status).toBe(200);
    expect((await fetch(`${api}/products/${product.id}`)).status).toBe(404);
    await platform.bus.drain();
    expect(((await (await fetch(`${api}/search?q=torch`)).json()) as { total: number }).total).toBe(
      0,
    );
  });

  it('when a shopper sends no token or a bad one, then admin routes answer 401 through the gateway', async () => {
    const anonymous = await fetch(`${api}/products`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await fetch(`${api}/admin/dead-letters`)).status).toBe(401);
  });

  it('when a consumer always fails, then its event is listed as a dead letter and redrive delivers it once fixed', async () => {
    let fixed = false;
    const delivered: string[] = [];
    platform.bus.subscribe({
      group: 'catalog.flaky-exporter',
      topics: ['catalog.product'],
      handle: async (event) => {
        if (!fixed) throw new Error('exporter is down');
        delivered.push(event.subject);
      },
    });
    const response = await fetch(`${api}/products`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({
        name: 'Poison Pill Bottle',
        brand: 'Acme',
        variants: [{ sku: 'ACME-PILL-1', options: {} }],
      }),
    });
    const product = (await response.json()) as { id: string };
    await platform.bus.drain(30_000);

    const listed = (await (
      await fetch(`${api}/admin/dead-letters?service=catalog`, { headers: admin })
    ).json()) as {
      items: { id: string; group: string; error: string; event: { subject: string } }[];
    };
    const letter = listed.items.find(
      (item) => item.event.subject === product.id && item.group === 'catalog.flaky-exporter',
    );
    expect(letter).toMatchObject({ error: 'exporter is down' });

    fixed = true;
    const redriven = await fetch(`${api}/admin/dead-letters/${letter!.id}/redrive`, {
      method: 'POST',
      headers: { authorization: admin.authorization! },
    });
    expect(redriven.status).toBe(200);
    expect(((await redriven.json()) as { status: string }).status).toBe('redriven');
    expect(delivered.filter((id) => id === product.id)).toHaveLength(1);
    const again = await fetch(`${api}/admin/dead-letters/${letter!.id}/redrive`, {
      method: 'POST',
      headers: { authorization: admin.authorization! },
    });
    expect(again.status).toBe(409);
  }, 40_000);
});
