import { CatalogClient, ProductPageSchema } from '@emporium/contracts';
import { ServiceClient } from '@emporium/kit';
import { silentLogger } from '@emporium/kit/testing';
import { Compile } from 'typebox/compile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleProduct, startCatalog, type CatalogHarness } from './harness.ts';

describe('GET /products?skus= (the cart resolves SKUs to products)', () => {
  let catalog: CatalogHarness;
  let client: CatalogClient;
  let active: { id: string; variants: { sku: string }[] };
  let other: { id: string; variants: { sku: string }[] };
  let draft: { id: string; variants: { sku: string }[] };

  beforeAll(async () => {
    catalog = await startCatalog();
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
    active = await post(sampleProduct());
    other = await post(sampleProduct({ name: 'Borealis Speaker' }));
    draft = await post(sampleProduct({ status: 'draft' }));
  });
  afterAll(async () => {
    await client.close();
    await catalog.close();
  });

  it('when SKUs of two products are asked for, then each owning product comes once and unknown SKUs are absent', async () => {
    const skus = [
      active.variants[0]!.sku,
      active.variants[1]!.sku,
      other.variants[0]!.sku,
      'NO-SUCH-SKU',
    ];
    const response = await catalog.service.app.inject({ url: `/products?skus=${skus.join(',')}` });
    expect(response.statusCode).toBe(200);
    const page = response.json();
    expect(Compile(ProductPageSchema).Errors(page)).toEqual([]);
    expect(page.items.map((item: { id: string }) => item.id)).toEqual([active.id, other.id]);
    expect(page.nextCursor).toBeNull();
    expect((await client.productsBySku(skus)).map((product) => product.id)).toEqual([
      active.id,
      other.id,
    ]);
  });

  it('when a SKU of a draft is asked for, then the public does not see it and an admin does', async () => {
    const url = `/products?skus=${draft.variants[0]!.sku}`;
    expect((await catalog.service.app.inject({ url })).json().items).toEqual([]);
    const asAdmin = await catalog.service.app.inject({ url, headers: catalog.admin });
    expect(asAdmin.json().items.map((item: { id: string }) => item.id)).toEqual([draft.id]);
  });

  it('when the SKU list is malformed or longer than 100, then it is a 400 problem', async () => {
    const tooMany = Array.from({ length: 101 }, (_, i) => `S-${i}`).join(',');
    for (const skus of ['', 'a,,b', 'bad sku', tooMany]) {
      const response = await catalog.service.app.inject({
        url: `/products?skus=${encodeURIComponent(skus)}`,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('COMMON.VALIDATION_FAILED');
    }
  });
});
