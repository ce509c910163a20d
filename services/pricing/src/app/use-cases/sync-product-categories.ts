import {
  ProductArchivedV1,
  ProductCreatedV1,
  ProductUpdatedV1,
  eventDecoder,
} from '@emporium/contracts';
import type { CloudEvent } from '@emporium/kit';
import type { ProductCategoryStore } from '../ports/product-category-store.ts';

const decode = eventDecoder([ProductCreatedV1, ProductUpdatedV1, ProductArchivedV1]);

/**
 * Keeps pricing's SKU → categories copy from catalog.product events. Redelivered and
 * late events are harmless: a version no newer than the kept one changes nothing.
 */
export async function syncProductCategories(
  store: ProductCategoryStore,
  event: CloudEvent,
): Promise<void> {
  const decoded = decode(event);
  if (!decoded) return;
  if (decoded.type === ProductArchivedV1.type) {
    const { productId, version } = decoded.data;
    await store.apply({ productId, version, skus: [], categoryIds: [], archived: true });
    return;
  }
  const { product } = decoded.data;
  await store.apply({
    productId: product.id,
    version: product.version,
    skus: product.variants.map((variant) => variant.sku),
    categoryIds: product.categoryIds,
    archived: product.status === 'archived',
  });
}
