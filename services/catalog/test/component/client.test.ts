import {
  CatalogClient,
  DeadLetterPageSchema,
  ProductPageSchema,
  ProductSchema,
  ReadinessSchema,
  ProductCreatedV1,
} from '@emporium/contracts';
import { ServiceClient, createEvent } from '@emporium/kit';
import { silentLogger } from '@emporium/kit/testing';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleProduct, startCatalog, type CatalogHarness } from './harness.ts';

function expectSchema(schema: TSchema, value: unknown): void {
  expect(Compile(schema).Errors(value)).toEqual([]);
}

describe('the catalog’s typed client against the real catalog', () => {
  let catalog: CatalogHarness;
  let client: CatalogClient;
  let created: { id: string; slug: string };
  let draft: { id: string };

  beforeAll(async () => {
    catalog = await startCatalog({ EVENT_MAX_ATTEMPTS: '1' });
    const url = await catalog.service.listen();
    client = new CatalogClient(
      new ServiceClient({ name: 'catalog', baseUrl: url, logger: silentLogger, retries: 0 }),
    );
    const post = async (payload: object) =>
      (
        await catalog.service.app.inject({
          method: 'POST',
          url: '/products',
          headers: catalog.admin,
          payload,
        })
      ).json();
    created = await post(sampleProduct({ brand: 'Aurora' }));
    draft = await post(sampleProduct({ brand: 'Borealis', status: 'draft' }));
  });
  afterAll(async () => {
    await client.close();
    await catalog.close();
  });

  it('when a product is read by id or slug, then the answer matches the published product schema', async () => {
    const byId = await client.product(created.id);
    expectSchema(ProductSchema, byId);
    expect(byId).toMatchObject({ id: created.id, slug: created.slug, brand: 'Aurora' });
    expect(await client.product(created.slug)).toEqual(byId);
  });

  it('when a product is unknown or hidden from the caller, then the client answers undefined', async () => {
    expect(await client.product('prd_01J00000000000000000000000')).toBeUndefined();
    expect(await client.product(draft.id)).toBeUndefined();
    expect(await client.product(draft.id, catalog.admin)).toMatchObject({ status: 'draft' });
  });

  it('when products are listed with a filter and a page size, then the page matches its schema and pages on', async () => {
    const page = await client.products({ brand: 'Aurora', limit: 1 });
    expectSchema(ProductPageSchema, page);
    expect(page.items.map((product) => product.id)).toEqual([created.id]);
    const all = await client.products({ limit: 100 }, catalog.admin);
    expect(all.items.map((product) => product.id).sort()).toEqual([created.id, draft.id].sort());
  });

  it('when the list cursor is not one the catalog issued, then the client raises the catalog’s 400 code', async () => {
    await expect(client.products({ cursor: 'garbage' })).rejects.toMatchObject({
      kind: 'invalid',
      code: 'COMMON.INVALID_CURSOR',
    });
  });

  it('when readiness is asked, then the catalog reports its checks', async () => {
    const readiness = await client.readiness();
    expectSchema(ReadinessSchema, readiness);
    expect(readiness.status).toBe('ok');
    expect(client.breakerState()).toBe('closed');
  });

  it('when an event is dead-lettered, then an admin lists and redrives it through the client; a customer is refused', async () => {
    const broken = {
      ...createEvent({
        source: 'emporium/catalog',
        type: ProductCreatedV1.type,
        subject: 'prd_broken',
        data: { product: { id: 'prd_broken' } },
      }),
      dataschema: ProductCreatedV1.dataschema,
    };
    await catalog.service.bus!.publish([broken]);
    await catalog.service.bus!.drain();

    const page = await client.deadLetters({ limit: 10 }, catalog.admin);
    expectSchema(DeadLetterPageSchema, page);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ service: 'catalog', group: 'catalog.search-indexer' });
    const redriven = await client.redrive(page.items[0]!.id, catalog.admin);
    expect(redriven).toMatchObject({ id: page.items[0]!.id, service: 'catalog' });
    expect(await client.redrive('dlq_unknown', catalog.admin)).toBeUndefined();
    await expect(client.deadLetters({ limit: 10 }, catalog.shopper)).rejects.toMatchObject({
      kind: 'forbidden',
    });
  });
});
