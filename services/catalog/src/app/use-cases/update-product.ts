import { isDeepStrictEqual } from 'node:util';
import type { VersionPrecondition } from '@emporium/kit';
import { productArchived, productUpdated } from '../events.ts';
import type { Product } from '../../domain/product.ts';
import { assertDistinctVariants } from '../../domain/product-rules.ts';
import type { CatalogDeps } from '../deps.ts';
import { loadForUpdate } from './load-for-update.ts';
import { assertCategoriesExist } from './category-lookup.ts';
import type { CreateProductInput } from './create-product.ts';

export type ProductPatch = Partial<CreateProductInput> & { images?: Product['images'] };

const PATCHABLE = [
  'name',
  'description',
  'brand',
  'categoryIds',
  'attributes',
  'variants',
  'status',
  'slug',
  'images',
] as const;

/** Applies a partial update; `precondition` comes from If-Match / If-None-Match when sent. */
export async function updateProduct(
  deps: CatalogDeps,
  id: string,
  patch: ProductPatch,
  precondition?: VersionPrecondition,
): Promise<Product> {
  const current = await loadForUpdate(deps, id, precondition);
  if (patch.variants) assertDistinctVariants(patch.variants);
  const categoryIds = patch.categoryIds ? [...new Set(patch.categoryIds)] : undefined;
  if (categoryIds) await assertCategoriesExist(deps.categories, categoryIds);
  const changes = { ...patch, ...(categoryIds ? { categoryIds } : {}) };
  const changed = PATCHABLE.filter(
    (field) => changes[field] !== undefined && !isDeepStrictEqual(changes[field], current[field]),
  );
  if (changed.length === 0) return current;

  const now = deps.clock.now();
  const next: Product = {
    ...current,
    ...Object.fromEntries(changed.map((field) => [field, changes[field]])),
    version: current.version + 1,
    updatedAt: new Date(now).toISOString(),
  };
  const events = [productUpdated(next, changed, now)];
  if (next.status === 'archived' && current.status !== 'archived')
    events.push(productArchived(next, now));
  await deps.products.update(next, current.version, events);
  return next;
}
