import type { InjectOptions } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CloudEvent } from '@emporium/kit';
import { sampleProduct, startCatalog, type CatalogHarness } from './harness.ts';

describe('catalog events feed search', () => {
  let catalog: CatalogHarness;
  const events: CloudEvent[] = [];
  beforeEach(async () => {
    catalog = await startCatalog();
    events.length = 0;
    catalog.service.bus!.subscribe({
      group: 'test.recorder',
      topics: ['catalog.product'],
      handle: async (event) => void events.push(event),
    });
  });
  afterEach(async () => catalog.close());

  const inject = (options: InjectOptions | string) => catalog.service.app.inject(options);
  const settle = () => catalog.service.bus!.drain();

  it('when a product is created, updated and archived, then one event per change is published in order', async () => {
    const created = (
      await inject({
        method: 'POST',
        url: '/products',
        headers: catalog.admin,
        payload: sampleProduct(),
      })
    ).json();
    await inject({
      method: 'PATCH',
      url: `/products/${created.id}`,
      headers: catalog.admin,
      payload: { brand: 'Aurora Audio' },
    });
    await inject({ method: 'DELETE', url: `/products/${created.id}`, headers: catalog.admin });
    await settle();
    expect(events.map((event) => event.type)).toEqual([
      'catalog.product.created',
      'catalog.product.updated',
      'catalog.product.archived',
    ]);
    expect(events[0]).toMatchObject({
      specversion: '1.0',
      source: 'emporium/catalog',
      subject: created.id,
      partitionkey: created.id,
      data: { product: { id: created.id } },
    });
    expect(events[1]!.data).toMatchObject({ changed: ['brand'] });
    expect(events[2]!.data).toMatchObject({
      productId: created.id,
      skus: created.variants.map((v: { sku: string }) => v.sku),
    });
  });

  it('when a request carries a traceparent, then its event carries the same trace id', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await inject({
      method: 'POST',
      url: '/products',
      headers: { ...catalog.admin, traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
      payload: sampleProduct(),
    });
    await settle();
    expect(events[0]!.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
  });

  it('when products change, then search reflects the change once the events are handled', async () => {
    const created = (
      await inject({
        method: 'POST',
        url: '/products',
        headers: catalog.admin,
        payload: sampleProduct(),
      })
    ).json();
    await settle();
    const misspelled = await inject({ url: '/search?q=hedphones' });
    expect(misspelled.json().items.map((item: { productId: string }) => item.productId)).toEqual([
      created.id,
    ]);

    await inject({
      method: 'PATCH',
      url: `/products/${created.id}`,
      headers: catalog.admin,
      payload: { name: 'Borealis Studio Monitors' },
    });
    await settle();
    expect((await inject({ url: '/search?q=borealis' })).json().total).toBe(1);
    expect((await inject({ url: '/search?q=wireless' })).json().total).toBe(0);

    await inject({ method: 'DELETE', url: `/products/${created.id}`, headers: catalog.admin });
    await settle();
    expect((await inject({ url: '/search?q=borealis' })).json().total).toBe(0);
  });

  it('when searching, then the response has items, total, facets and a cursor that pages without gaps', async () => {
    for (let i = 0; i < 5; i++)
      await inject({
        method: 'POST',
        url: '/products',
        headers: catalog.admin,
        payload: sampleProduct({ name: `Aurora Speaker ${i}` }),
      });
    await settle();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: {
        items: { productId: string }[];
        total: number;
        nextCursor: string | null;
        facets: { brand: { value: string; count: number }[] };
      } = (
        await inject({ url: `/search?q=speaker&limit=2${cursor ? `&cursor=${cursor}` : ''}` })
      ).json();
      expect(page.total).toBe(5);
      expect(page.facets.brand).toEqual([{ value: 'Aurora', count: 5 }]);
      seen.push(...page.items.map((item) => item.productId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(5);
    expect(seen).toHaveLength(5);
    const suggestions = (await inject({ url: '/search/suggest?q=spe' })).json().suggestions;
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions[0].text).toMatch(/^Aurora Speaker/);
  });

  it('when the service restarts, then search is rebuilt from the store', async () => {
    await inject({
      method: 'POST',
      url: '/products',
      headers: catalog.admin,
      payload: sampleProduct({ name: 'Persistent Lamp' }),
    });
    await settle();
    await catalog.service.close();
    const { catalogService } = await import('../../src/service.ts');
    const { startService } = await import('@emporium/kit');
    const { silentLogger } = await import('@emporium/kit/testing');
    const again = await startService(catalogService, {
      env: { DATA_DIR: catalog.dataDir, LOG_LEVEL: 'silent' },
      logger: silentLogger,
      processMetrics: false,
    });
    try {
      expect((await again.app.inject({ url: '/search?q=lamp' })).json().total).toBe(1);
    } finally {
      await again.close();
      catalog.service = { ...catalog.service, close: async () => undefined };
    }
  });
});

describe('search by category', () => {
  it('when filtering by a parent category slug, then products of its subcategories match and facets carry names', async () => {
    const catalog = await startCatalog();
    try {
      const inject = (options: InjectOptions | string) => catalog.service.app.inject(options);
      const post = async (url: string, payload: object) =>
        (await inject({ method: 'POST', url, headers: catalog.admin, payload })).json();
      const electronics = await post('/categories', { name: 'Electronics' });
      const audio = await post('/categories', { name: 'Audio', parentId: electronics.id });
      const garden = await post('/categories', { name: 'Garden' });
      await post('/products', sampleProduct({ name: 'Aurora Speaker', categoryIds: [audio.id] }));
      await post(
        '/products',
        sampleProduct({ name: 'Garden Speaker', brand: 'Verde', categoryIds: [garden.id] }),
      );
      await catalog.service.bus!.drain();
      const page = (await inject({ url: '/search?q=speaker&category=electronics' })).json();
      expect(page.items.map((item: { name: string }) => item.name)).toEqual(['Aurora Speaker']);
      expect(page.facets.category).toEqual(
        expect.arrayContaining([
          { value: electronics.id, label: 'Electronics', count: 1 },
          { value: audio.id, label: 'Audio', count: 1 },
        ]),
      );
    } finally {
      await catalog.close();
    }
  });
});
