import { describe, expect, it } from 'vitest';
import {
  CATALOG_SOURCE,
  CategoryCreatedV1,
  ProductArchivedV1,
  ProductUpdatedV1,
} from '@emporium/contracts';
import { createEvent } from '@emporium/kit';
import type { ProductCategoryStore } from '../../src/app/ports/product-category-store.ts';
import { syncProductCategories } from '../../src/app/use-cases/sync-product-categories.ts';
import type { ProductCategories } from '../../src/domain/product-categories.ts';

function recordingStore(): ProductCategoryStore & { applied: ProductCategories[] } {
  const applied: ProductCategories[] = [];
  return {
    applied,
    apply: async (product) => {
      applied.push(product);
      return true;
    },
    categoriesOf: async () => new Map(),
  };
}

const at = '2026-12-01T00:00:00.000Z';
const product = {
  id: 'prd_1',
  slug: 'tee',
  name: 'Tee',
  description: '',
  brand: 'Acme',
  status: 'active' as const,
  categoryIds: ['shirts'],
  attributes: {},
  variants: [
    { sku: 'TEE-S', options: { size: 'S' } },
    { sku: 'TEE-M', options: { size: 'M' } },
  ],
  images: [],
  version: 4,
  createdAt: at,
  updatedAt: at,
};

describe('the catalog category copy', () => {
  it('when a product is updated, then its SKUs, categories and version are kept', async () => {
    const store = recordingStore();
    const event = ProductUpdatedV1.create({
      source: CATALOG_SOURCE,
      subject: 'prd_1',
      data: { product, changed: ['categoryIds'] },
    });
    await syncProductCategories(store, event);
    expect(store.applied).toEqual([
      {
        productId: 'prd_1',
        version: 4,
        skus: ['TEE-S', 'TEE-M'],
        categoryIds: ['shirts'],
        archived: false,
      },
    ]);
  });

  it('when a product is archived, then it is kept as archived with no SKUs', async () => {
    const store = recordingStore();
    const event = ProductArchivedV1.create({
      source: CATALOG_SOURCE,
      subject: 'prd_1',
      data: { productId: 'prd_1', skus: ['TEE-S'], version: 5, archivedAt: at },
    });
    await syncProductCategories(store, event);
    expect(store.applied).toEqual([
      { productId: 'prd_1', version: 5, skus: [], categoryIds: [], archived: true },
    ]);
  });

  it('when another event type arrives, then nothing is applied; a broken payload throws', async () => {
    const store = recordingStore();
    const category = CategoryCreatedV1.create({
      source: CATALOG_SOURCE,
      subject: 'cat_1',
      data: {
        category: {
          id: 'cat_1',
          slug: 'c',
          name: 'C',
          description: '',
          parentId: null,
          version: 1,
          createdAt: at,
          updatedAt: at,
        },
      },
    });
    await syncProductCategories(store, category);
    expect(store.applied).toEqual([]);
    const broken = createEvent({
      source: CATALOG_SOURCE,
      type: ProductUpdatedV1.type,
      subject: 'prd_1',
      data: { product: { id: 'prd_1' } },
    });
    await expect(syncProductCategories(store, broken)).rejects.toMatchObject({
      code: 'CONTRACTS.INVALID_EVENT',
    });
  });
});
