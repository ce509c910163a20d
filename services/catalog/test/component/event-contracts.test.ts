import {
  CatalogEvents,
  CatalogTopics,
  ProductCreatedV1,
  type EventContract,
} from '@emporium/contracts';
import { createEvent, type CloudEvent } from '@emporium/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importCatalog } from '../../src/app/use-cases/import-catalog.ts';
import { sampleProduct, startCatalog, type CatalogHarness } from './harness.ts';

function contractOf(event: CloudEvent): EventContract | undefined {
  return CatalogEvents.find(
    (contract) =>
      contract.type === event.type &&
      contract.dataschema === (event as { dataschema?: string }).dataschema,
  );
}

describe('catalog events keep their published contracts', () => {
  let catalog: CatalogHarness;
  const published: CloudEvent[] = [];

  beforeEach(async () => {
    // One attempt: an event that breaks its contract is dead-lettered at once.
    catalog = await startCatalog({ EVENT_MAX_ATTEMPTS: '1' });
    published.length = 0;
    catalog.service.bus!.subscribe({
      group: 'test.contract-recorder',
      topics: [CatalogTopics.product, CatalogTopics.category],
      handle: async (event) => void published.push(event),
    });
  });
  afterEach(async () => catalog.close());

  const call = async (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => {
    const response = await catalog.service.app.inject({
      method,
      url,
      headers: catalog.admin,
      ...(payload ? { payload } : {}),
    });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json();
  };

  it('when every kind of change is made, then each event names its schema version and its data validates against it', async () => {
    const audio = await call('POST', '/categories', { name: 'Audio' });
    await call('PATCH', `/categories/${audio.id}`, { description: 'Speakers and headphones' });
    const product = await call('POST', '/products', sampleProduct({ categoryIds: [audio.id] }));
    await call('PATCH', `/products/${product.id}`, { brand: 'Aurora Audio' });
    const drafted = await call('POST', '/products', sampleProduct({ status: 'draft' }));
    await call('PATCH', `/products/${drafted.id}`, { status: 'archived' });
    await call('DELETE', `/products/${product.id}`);
    await importCatalog(
      catalog.service.stores,
      [{ key: 'garden', name: 'Garden', parentKey: null }],
      [{ ...sampleProduct({ name: 'Garden Lamp' }), categoryKeys: ['garden'] }],
    );
    await catalog.service.bus!.drain();

    expect(new Set(published.map((event) => event.type))).toEqual(
      new Set(CatalogEvents.map((contract) => contract.type)),
    );
    for (const event of published) {
      const contract = contractOf(event);
      expect(contract, `${event.type} names a known dataschema`).toBeDefined();
      expect(contract!.problems(event.data), event.type).toEqual([]);
      expect(() => contract!.decode(event)).not.toThrow();
    }
    const archived = published.find(
      (event) => event.type === 'catalog.product.archived' && event.subject === product.id,
    );
    expect(archived!.data).toEqual({
      productId: product.id,
      skus: product.variants.map((variant: { sku: string }) => variant.sku),
      version: 3,
      archivedAt: expect.any(String),
    });
  });

  it('when an event breaks its contract, then the search projection dead-letters it with the reason and indexes nothing', async () => {
    const broken = {
      ...createEvent({
        source: 'emporium/catalog',
        type: ProductCreatedV1.type,
        subject: 'prd_broken',
        data: { product: { id: 'prd_broken', name: 42 } },
      }),
      dataschema: ProductCreatedV1.dataschema,
    };
    await catalog.service.bus!.publish([broken]);
    await catalog.service.bus!.drain();

    const dead = await catalog.service.bus!.listDeadLetters({ limit: 10 });
    const indexer = dead.items.filter((item) => item.group === 'catalog.search-indexer');
    expect(indexer).toHaveLength(1);
    expect(indexer[0]!.event.id).toBe(broken.id);
    expect(indexer[0]!.error).toContain('catalog.product.created v1');
    expect(indexer[0]!.error).toContain('/product/name');
    expect(await catalog.service.stores.search.count()).toBe(0);
  });

  it('when an event names a schema version the consumer does not know, then it is dead-lettered rather than misread', async () => {
    const product = await call('POST', '/products', sampleProduct());
    await catalog.service.bus!.drain();
    const future = {
      ...createEvent({
        source: 'emporium/catalog',
        type: ProductCreatedV1.type,
        subject: product.id,
        data: { product: { id: product.id } },
      }),
      dataschema: 'urn:emporium:event:catalog.product.created:v9',
    };
    await catalog.service.bus!.publish([future]);
    await catalog.service.bus!.drain();

    const dead = await catalog.service.bus!.listDeadLetters({ limit: 10 });
    expect(dead.items.map((item) => item.error)).toEqual([
      expect.stringContaining('dataschema is urn:emporium:event:catalog.product.created:v9'),
    ]);
  });
});
