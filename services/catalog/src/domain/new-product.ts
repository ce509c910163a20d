import type { AttributeValue, Product, ProductStatus, Variant } from './product.ts';
import { assertDistinctVariants } from './product-rules.ts';

export interface NewProductFields {
  name: string;
  description?: string;
  brand: string;
  categoryIds: string[];
  attributes?: Record<string, AttributeValue>;
  variants: Variant[];
  status?: ProductStatus;
}

/** A product at version 1, with text trimmed and the variant rules checked. */
export function newProduct(
  fields: NewProductFields,
  identity: { id: string; slug: string; now: number },
): Product {
  assertDistinctVariants(fields.variants);
  const timestamp = new Date(identity.now).toISOString();
  return {
    id: identity.id,
    slug: identity.slug,
    name: fields.name.trim(),
    description: fields.description?.trim() ?? '',
    brand: fields.brand.trim(),
    categoryIds: [...new Set(fields.categoryIds)],
    attributes: fields.attributes ?? {},
    variants: fields.variants,
    images: [],
    status: fields.status ?? 'active',
    version: 1,
    createdAt: timestamp,
    updatedAt: timestamp,
  };
}
