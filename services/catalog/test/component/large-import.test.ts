import { eventually } from '@emporium/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCatalog, type ImportProduct } from '../../src/app/use-cases/import-catalog.ts';
import { startCatalog, type CatalogHarness } from './harness.ts';

const COUNT = 6_000;

function products(count: number): ImportProduct[] {
  return Array.from({ length: count }, (_, index) => ({
    name: `Bulk product ${index}`,
    description: 'A product of a large import',
    brand: `Brand ${index % 40}`,
    categoryKeys: [index % 2 === 0 ? 'audio' : 'headphones'],
    attributes: { batch: index },
    variants: [
      { sku: `BULK-${index}-A`, options: { size: 'S' } },
      { sku: `BULK-${index}-B`, options: { size: 'M' } },
    ],
    status: 'active' as const,
  }));
}

describe('importing a large catalog', () => {
  let catalog: CatalogHarness;
  beforeAll(async () => {
    catalog = await startCatalog();
  });
  afterAll(async () => catalog.close());

  /** How many products the search finds for `q`, once the index has caught up with COUNT. */
  async function indexedFor(q: string): Promise<number> {
    const total = async () =>
      (await catalog.service.app.inject({ url: `/search?q=${q}&limit=1` })).json<{
        total: number;
      }>().total;
    await eventually(async () => (await total()) === COUNT, 90_000).catch(() => undefined);
    return total();
  }

  it(`when ${COUNT} products are imported at once, then every one is stored with its event and indexed`, async () => {
    const counts = await importCatalog(
      catalog.service.stores,
      [
        { key: 'audio', name: 'Audio', parentKey: null },
        { key: 'headphones', name: 'Headphones', parentKey: 'audio' },
      ],
      products(COUNT),
    );
    expect(counts).toEqual({ categories: 2, products: COUNT });

    let stored = 0;
    for await (const batch of catalog.service.stores.products.scan(1_000)) stored += batch.length;
    expect(stored).toBe(COUNT);

    expect(await indexedFor('bulk')).toBe(COUNT);
  }, 120_000);

  it('when an import holds a SKU that is already taken, then nothing of it is stored', async () => {
    const clash = products(4_000).map((product, index) => ({
      ...product,
      name: `Second batch ${index}`,
      variants:
        index === 3_999
          ? [{ sku: 'BULK-0-A', options: {} }]
          : product.variants.map((variant) => ({ ...variant, sku: `NEW-${variant.sku}` })),
    }));
    await expect(importCatalog(catalog.service.stores, [], clash)).rejects.toMatchObject({
      code: 'CATALOG.DUPLICATE_SKU',
    });
    let stored = 0;
    for await (const batch of catalog.service.stores.products.scan(1_000)) stored += batch.length;
    expect(stored).toBe(COUNT);
  }, 120_000);

  it('when a category holding thousands of products is renamed, then every one is found by the new name', async () => {
    const audio = (await catalog.service.stores.categories.all()).find((c) => c.name === 'Audio')!;
    const renamed = await catalog.service.app.inject({
      method: 'PATCH',
      url: `/categories/${audio.id}`,
      headers: catalog.admin,
      payload: { name: 'Soundwaves' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(await indexedFor('soundwaves')).toBe(COUNT);
  }, 120_000);
});
