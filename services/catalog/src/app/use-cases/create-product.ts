import { newId } from '@emporium/kit';
import { productCreated } from '../events.ts';
import type { AttributeValue, Product, ProductStatus, Variant } from '../../domain/product.ts';
import { newProduct } from '../../domain/new-product.ts';
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
  const categoryIds = input.categoryIds ?? [];
  await assertCategoriesExist(deps.categories, categoryIds);
  const now = deps.clock.now();
  const id = newId('prd', now);
  const slug = input.slug ?? (await freeSlug(deps, slugify(input.name), id));
  const product = newProduct({ ...input, categoryIds }, { id, slug, now });
  await deps.products.create(product, [productCreated(product, now)]);
  return product;
}

async function freeSlug(deps: CatalogDeps, slug: string, id: string): Promise<string> {
  return (await deps.products.getJson(slug)) ? disambiguate(slug, id) : slug;
}
