import { afterEach, describe, expect, it } from 'vitest';
import { createEvent, type CloudEvent } from '@emporium/kit';
import type { ProductStore } from '../../src/app/ports/product-store.ts';
import type { Product } from '../../src/domain/product.ts';

export interface ProductStoreFixture {
  store: ProductStore;
  /** Events the store committed to its outbox, oldest first. */
  committedEvents(): Promise<CloudEvent[]>;
  close(): Promise<void>;
}

export interface ProductStoreContractOptions {
  name: string;
  create(): Promise<ProductStoreFixture>;
}

let sequence = 0;
function product(overrides: Partial<Product> = {}): Product {
  sequence += 1;
  const id = `prd_01JD${String(sequence).padStart(22, '0')}`;
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, sequence)).toISOString();
  return {
    id,
    slug: `product-${sequence}`,
    name: `Product ${sequence}`,
    description: 'A product',
    brand: 'Acme',
    categoryIds: [],
    attributes: { colour: 'red' },
    variants: [{ sku: `SKU-${sequence}`, options: {} }],
    images: [],
    status: 'active',
    version: 1,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

const eventFor = (p: Product) =>
  createEvent({
    source: 'test',
    type: 'catalog.product.updated',
    subject: p.id,
    data: { id: p.id },
  });

export function describeProductStoreContract({ name, create }: ProductStoreContractOptions): void {
  describe(`ProductStore contract: ${name}`, () => {
    const open: ProductStoreFixture[] = [];
    async function setUp() {
      const fixture = await create();
      open.push(fixture);
      return fixture;
    }
    afterEach(async () => Promise.all(open.splice(0).map((fixture) => fixture.close())));

    it('when a product is created, then it reads back by id and slug, as an object and as JSON', async () => {
      const { store } = await setUp();
      const created = product();
      await store.create(created, [eventFor(created)]);
      expect(await store.get(created.id)).toEqual(created);
      const byId = await store.getJson(created.id);
      expect(byId).toMatchObject({ id: created.id, status: 'active', version: 1 });
      expect(JSON.parse(byId!.json)).toEqual(created);
      expect((await store.getJson(created.slug))?.id).toBe(created.id);
      expect(await store.get('prd_missing')).toBeUndefined();
      expect(await store.getJson('no-such-slug')).toBeUndefined();
    });

    it('when a change is written, then its events are committed with it', async () => {
      const fixture = await setUp();
      const created = product();
      const event = eventFor(created);
      await fixture.store.create(created, [event]);
      expect((await fixture.committedEvents()).map((e) => e.id)).toEqual([event.id]);
    });

    it('when a SKU is taken by another product, then create fails with DUPLICATE_SKU and writes nothing', async () => {
      const fixture = await setUp();
      const first = product();
      await fixture.store.create(first, []);
      const clash = product({ variants: [{ sku: first.variants[0]!.sku, options: {} }] });
      await expect(fixture.store.create(clash, [eventFor(clash)])).rejects.toMatchObject({
        code: 'CATALOG.DUPLICATE_SKU',
      });
      expect(await fixture.store.get(clash.id)).toBeUndefined();
      expect(await fixture.committedEvents()).toEqual([]);
    });

    it('when a slug is taken, then create fails with SLUG_TAKEN', async () => {
      const { store } = await setUp();
      const first = product();
      await store.create(first, []);
      await expect(store.create(product({ slug: first.slug }), [])).rejects.toMatchObject({
        code: 'CATALOG.SLUG_TAKEN',
      });
    });

    it('when updating at the expected version, then it succeeds; at a stale version, then VERSION_MISMATCH and nothing changes', async () => {
      const fixture = await setUp();
      const created = product();
      await fixture.store.create(created, []);
      expect((await fixture.store.getJson(created.id))?.version).toBe(1);
      const renamed = { ...created, name: 'Renamed', version: 2 };
      await fixture.store.update(renamed, 1, [eventFor(renamed)]);
      expect((await fixture.store.get(created.id))?.name).toBe('Renamed');
      expect((await fixture.store.getJson(created.id))?.version).toBe(2);
      const stale = { ...created, name: 'Lost', version: 2 };
      await expect(fixture.store.update(stale, 1, [eventFor(stale)])).rejects.toMatchObject({
        code: 'CATALOG.VERSION_MISMATCH',
      });
      expect((await fixture.store.get(created.id))?.name).toBe('Renamed');
      expect(await fixture.committedEvents()).toHaveLength(1);
    });

    it('when an update changes SKUs, then the old SKUs are free and the new ones taken', async () => {
      const { store } = await setUp();
      const created = product();
      await store.create(created, []);
      await store.update(
        { ...created, variants: [{ sku: 'NEW-SKU', options: {} }], version: 2 },
        1,
        [],
      );
      await store.create(product({ variants: created.variants }), []);
      await expect(
        store.create(product({ variants: [{ sku: 'NEW-SKU', options: {} }] }), []),
      ).rejects.toMatchObject({ code: 'CATALOG.DUPLICATE_SKU' });
    });

    it('when listing, then pages run newest first with no gaps or repeats, filtered by status, brand and category', async () => {
      const { store } = await setUp();
      const made: Product[] = [];
      for (let i = 0; i < 7; i++) {
        const p = product({
          brand: i % 2 ? 'Acme' : 'Zenith',
          categoryIds: i < 3 ? ['cat_a'] : ['cat_b'],
          status: i === 6 ? 'archived' : 'active',
        });
        made.push(p);
        await store.create(p, []);
      }
      const ids: string[] = [];
      let after: string | undefined;
      do {
        const page = await store.list({
          statuses: ['active'],
          limit: 2,
          ...(after ? { after } : {}),
        });
        ids.push(...page.items.map((item) => item.id));
        after = page.nextAfter ?? undefined;
      } while (after);
      expect(ids).toEqual(
        made
          .slice(0, 6)
          .map((p) => p.id)
          .reverse(),
      );
      const zenith = await store.list({
        statuses: ['active', 'archived'],
        brand: 'ZENITH',
        limit: 10,
      });
      expect(zenith.items.map((item) => item.id)).toEqual(
        [made[6]!, made[4]!, made[2]!, made[0]!].map((p) => p.id),
      );
      const inA = await store.list({
        statuses: ['active'],
        categoryIds: ['cat_a', 'cat_x'],
        limit: 10,
      });
      expect(inA.items.map((item) => item.id)).toEqual(
        made
          .slice(0, 3)
          .map((p) => p.id)
          .reverse(),
      );
      expect(await store.idsInCategories(['cat_b'])).toHaveLength(4);
    });

    it('when SKUs are looked up, then each maps to the product owning it now', async () => {
      const { store } = await setUp();
      const first = product({
        variants: [
          { sku: 'OWN-A', options: {} },
          { sku: 'OWN-B', options: {} },
        ],
      });
      const second = product({ variants: [{ sku: 'OWN-C', options: {} }] });
      await store.createMany([first, second], [eventFor(first), eventFor(second)]);
      const moved = { ...first, variants: [{ sku: 'OWN-A', options: {} }], version: 2 };
      await store.update(moved, 1, [eventFor(moved)]);

      const owners = await store.productIdsOfSkus(['OWN-A', 'OWN-B', 'OWN-C', 'OWN-UNKNOWN']);
      expect(Object.fromEntries(owners)).toEqual({ 'OWN-A': first.id, 'OWN-C': second.id });
      expect((await store.productIdsOfSkus([])).size).toBe(0);
    });

    it('when many products are created at once, then all or none are stored', async () => {
      const fixture = await setUp();
      const batch = [product(), product(), product()];
      await fixture.store.createMany(batch, batch.map(eventFor));
      const scanned: string[] = [];
      for await (const page of fixture.store.scan(2)) scanned.push(...page.map((p) => p.id));
      expect(scanned).toEqual(batch.map((p) => p.id));
      const broken = [product(), product({ variants: batch[0]!.variants })];
      await expect(fixture.store.createMany(broken, broken.map(eventFor))).rejects.toMatchObject({
        code: 'CATALOG.DUPLICATE_SKU',
      });
      expect(await fixture.store.get(broken[0]!.id)).toBeUndefined();
      expect(await fixture.committedEvents()).toHaveLength(3);
    });
  });
}
