import { newId } from '@emporium/kit';
import { productCreated } from '../../domain/events.ts';
import type { AttributeValue, Product, ProductStatus, Variant } from '../../domain/product.ts';
import { assertDistinctVariants } from '../../domain/product-rules.ts';
import { disambiguate, slugify } from '../../domain/slug.ts';
import type { CatalogDeps } from '../deps.ts';
import { assertCategoriesExist } from './category-lookup.ts';

export interface CreateProductInput {
  name: string;
  description?: string;
  brand: string;
  categoryIds?: string[];
  attributes?: Record<string, AttributeValue>;
  variants: Variant[];
  status?: ProductStatus;
  slug?: string;
}

export async function createProduct(
  deps: CatalogDeps,
  input: CreateProductInput,
): Promise<Product> {
  assertDistinctVariants(input.variants);
  const categoryIds = [...new Set(input.categoryIds ?? [])];
  await assertCategoriesExist(deps.categories, categoryIds);
  const now = deps.clock.now();
  const id = newId('prd', now);
  const timestamp = new Date(now).toISOString();
  const product: Product = {
    id,
    slug: input.slug ?? (await freeSlug(deps, slugify(input.name), id)),
    name: input.name.trim(),
    description: input.description?.trim() ?? '',
    brand: input.brand.trim(),
    categoryIds,
    attributes: input.attributes ?? {},
    variants: input.variants,
    images: [],
    status: input.status ?? 'active',
    version: 1,
    createdAt: timestamp,
    updatedAt: timestamp,
  };
  await deps.products.create(product, [productCreated(product, now)]);
  return product;
}

async function freeSlug(deps: CatalogDeps, slug: string, id: string): Promise<string> {
  return (await deps.products.getJson(slug)) ? disambiguate(slug, id) : slug;
}
