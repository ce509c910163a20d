import {
  CATALOG_SOURCE,
  CategoryCreatedV1,
  CategoryUpdatedV1,
  ProductArchivedV1,
  ProductCreatedV1,
  ProductUpdatedV1,
  type CategoryPayload,
  type ProductPayload,
} from '@emporium/contracts';
import type { CloudEvent } from '@emporium/kit';
import type { Category } from '../domain/category.ts';
import type { Product } from '../domain/product.ts';

/**
 * The catalog's published events. Their data is the contract's payload, mapped field by
 * field, so a change to the internal entity never reaches consumers unnoticed.
 */
export function productCreated(product: Product, now: number): CloudEvent {
  return ProductCreatedV1.create({
    source: CATALOG_SOURCE,
    subject: product.id,
    data: { product: toProductPayload(product) },
    time: now,
  });
}

export function productUpdated(product: Product, changed: string[], now: number): CloudEvent {
  return ProductUpdatedV1.create({
    source: CATALOG_SOURCE,
    subject: product.id,
    data: { product: toProductPayload(product), changed },
    time: now,
  });
}

export function productArchived(product: Product, now: number): CloudEvent {
  return ProductArchivedV1.create({
    source: CATALOG_SOURCE,
    subject: product.id,
    data: {
      productId: product.id,
      skus: product.variants.map((variant) => variant.sku),
      version: product.version,
      archivedAt: new Date(now).toISOString(),
    },
    time: now,
  });
}

export function categoryChanged(
  category: Category,
  kind: 'created' | 'updated',
  now: number,
): CloudEvent {
  const contract = kind === 'created' ? CategoryCreatedV1 : CategoryUpdatedV1;
  return contract.create({
    source: CATALOG_SOURCE,
    subject: category.id,
    data: { category: toCategoryPayload(category) },
    time: now,
  });
}

export function toProductPayload(product: Product): ProductPayload {
  return {
    id: product.id,
    slug: product.slug,
    name: product.name,
    description: product.description,
    brand: product.brand,
    status: product.status,
    categoryIds: [...product.categoryIds],
    attributes: { ...product.attributes },
    variants: product.variants.map((variant) => ({
      sku: variant.sku,
      options: { ...variant.options },
    })),
    images: product.images.map((image) => ({
      key: image.key,
      url: image.url,
      ...(image.alt === undefined ? {} : { alt: image.alt }),
    })),
    version: product.version,
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
  };
}

export function toCategoryPayload(category: Category): CategoryPayload {
  return {
    id: category.id,
    slug: category.slug,
    name: category.name,
    description: category.description,
    parentId: category.parentId,
    version: category.version,
    createdAt: category.createdAt,
    updatedAt: category.updatedAt,
  };
}
