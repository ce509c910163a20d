import type { InjectOptions } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleProduct, startCatalog, type CatalogHarness } from './harness.ts';

describe('catalog products over HTTP', () => {
  let catalog: CatalogHarness;
  beforeEach(async () => {
    catalog = await startCatalog();
  });
  afterEach(async () => catalog.close());

  const inject = (options: InjectOptions | string) => catalog.service.app.inject(options);

  async function createCategory(name: string, parentId?: string) {
    const response = await inject({
      method: 'POST',
      url: '/categories',
      headers: catalog.admin,
      payload: { name, ...(parentId ? { parentId } : {}) },
    });
    expect(response.statusCode).toBe(201);
    return response.json<{ id: string; slug: string }>();
  }

  async function createProduct(overrides: Record<string, unknown> = {}) {
    const response = await inject({
      method: 'POST',
      url: '/products',
      headers: catalog.admin,
      payload: sampleProduct(overrides),
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{
      id: string;
      slug: string;
      version: number;
      variants: { sku: string }[];
    }>();
  }

  it('when an admin creates a product, then it can be read by id and by slug with its ETag', async () => {
    const audio = await createCategory('Audio');
    const created = await createProduct({ categoryIds: [audio.id] });
    expect(created).toMatchObject({
      slug: 'aurora-wireless-headphones',
      version: 1,
      status: 'active',
    });

    const byId = await inject({ url: `/products/${created.id}` });
    expect(byId.statusCode).toBe(200);
    expect(byId.headers['etag']).toBe('"1"');
    expect(byId.json()).toMatchObject({
      id: created.id,
      categoryIds: [audio.id],
      variants: created.variants,
    });
    const bySlug = await inject({ url: `/products/${created.slug}` });
    expect(bySlug.json().id).toBe(created.id);
  });

  it('when a client revalidates with If-None-Match, then 304 until the product changes', async () => {
    const created = await createProduct();
    const first = await inject({ url: `/products/${created.id}` });
    const etag = first.headers['etag'] as string;
    expect(
      (await inject({ url: `/products/${created.id}`, headers: { 'if-none-match': etag } }))
        .statusCode,
    ).toBe(304);
    await inject({
      method: 'PATCH',
      url: `/products/${created.id}`,
      headers: catalog.admin,
      payload: { brand: 'Aurora Labs' },
    });
    const changed = await inject({
      url: `/products/${created.id}`,
      headers: { 'if-none-match': etag },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().brand).toBe('Aurora Labs');
    expect((await inject({ url: '/products' })).json().items[0].brand).toBe('Aurora Labs');
  });

  it('when two products share a name, then the second gets a distinct slug', async () => {
    const first = await createProduct();
    const second = await createProduct();
    expect(second.slug).not.toBe(first.slug);
    expect(second.slug.startsWith(first.slug)).toBe(true);
  });

  it('when nobody or a non-admin writes, then 401 and 403 answer and nothing is written', async () => {
    const anonymous = await inject({ method: 'POST', url: '/products', payload: sampleProduct() });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe('COMMON.UNAUTHENTICATED');
    const shopper = await inject({
      method: 'POST',
      url: '/products',
      headers: catalog.shopper,
      payload: sampleProduct(),
    });
    expect(shopper.statusCode).toBe(403);
    const forged = await inject({
      method: 'POST',
      url: '/products',
      headers: { authorization: 'Bearer not.a.token' },
      payload: sampleProduct(),
    });
    expect(forged.statusCode).toBe(401);
    expect((await inject({ url: '/products' })).json().items).toEqual([]);
  });

  it('when a SKU is already used by another product, then 409 and the second product is not stored', async () => {
    const first = await createProduct();
    const clash = await inject({
      method: 'POST',
      url: '/products',
      headers: catalog.admin,
      payload: sampleProduct({
        name: 'Other',
        variants: [{ sku: first.variants[0]!.sku, options: {} }],
      }),
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().code).toBe('CATALOG.DUPLICATE_SKU');
    const list = await inject({ url: '/products' });
    expect(list.json().items).toHaveLength(1);
  });

  it('when a product refers to an unknown category, then 422 names it', async () => {
    const response = await inject({
      method: 'POST',
      url: '/products',
      headers: catalog.admin,
      payload: sampleProduct({ categoryIds: ['cat_01JD3ZZZZZZZZZZZZZZZZZZZZZ'] }),
    });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      code: 'CATALOG.UNKNOWN_CATEGORY',
      categoryIds: ['cat_01JD3ZZZZZZZZZZZZZZZZZZZZZ'],
    });
  });

  it('when a PATCH carries a stale If-Match, then 412 and the product is unchanged', async () => {
    const created = await createProduct();
    const first = await inject({
      method: 'PATCH',
      url: `/products/${created.id}`,
      headers: { ...catalog.admin, 'if-match': '"1"' },
      payload: { name: 'Aurora Pro Headphones' },
    });
    expect(first.statusCode).toBe(200);
    expect(first.headers['etag']).toBe('"2"');
    expect(first.json()).toMatchObject({ name: 'Aurora Pro Headphones', version: 2 });

    const stale = await inject({
      method: 'PATCH',
      url: `/products/${created.id}`,
      headers: { ...catalog.admin, 'if-match': '"1"' },
      payload: { name: 'Lost update' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().code).toBe('CATALOG.VERSION_MISMATCH');
    expect((await inject({ url: `/products/${created.id}` })).json().name).toBe(
      'Aurora Pro Headphones',
    );

    const garbage = await inject({
      method: 'PATCH',
      url: `/products/${created.id}`,
      headers: { ...catalog.admin, 'if-match': 'yesterday' },
      payload: { name: 'x' },
    });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().code).toBe('COMMON.INVALID_IF_MATCH');
  });

  it('when a product is archived, then shoppers get 404 and admins still see it', async () => {
    const created = await createProduct();
    const archived = await inject({
      method: 'DELETE',
      url: `/products/${created.id}`,
      headers: catalog.admin,
    });
    expect(archived.statusCode).toBe(200);
    expect(archived.json().status).toBe('archived');
    expect((await inject({ url: `/products/${created.id}` })).statusCode).toBe(404);
    expect(
      (await inject({ url: `/products/${created.id}`, headers: catalog.admin })).statusCode,
    ).toBe(200);
    expect((await inject({ url: '/products' })).json().items).toEqual([]);
    expect(
      (await inject({ url: '/products?status=archived', headers: catalog.admin })).json().items,
    ).toHaveLength(1);
  });

  it('when listing with a page size, then pages cover every product once, newest first', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await createProduct({ name: `Product ${i}` })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await inject({
        url: `/products?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      });
      expect(response.statusCode).toBe(200);
      const page = response.json<{ items: { id: string }[]; nextCursor: string | null }>();
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it('when listing by category or brand, then only matching products come back, subcategories included', async () => {
    const electronics = await createCategory('Electronics');
    const audio = await createCategory('Audio', electronics.id);
    const kitchen = await createCategory('Kitchen');
    const headphones = await createProduct({ categoryIds: [audio.id] });
    await createProduct({ name: 'Skillet', brand: 'Nordhaven', categoryIds: [kitchen.id] });
    const byParent = await inject({ url: `/products?category=${electronics.slug}` });
    expect(byParent.json().items.map((item: { id: string }) => item.id)).toEqual([headphones.id]);
    const byBrand = await inject({ url: '/products?brand=nordhaven' });
    expect(byBrand.json().items.map((item: { brand: string }) => item.brand)).toEqual([
      'Nordhaven',
    ]);
  });
});
