import { newId } from '@emporium/kit';
import { productCreated } from '../events.ts';
import { newProduct } from '../../domain/new-product.ts';
import { disambiguate, slugify } from '../../domain/slug.ts';
import type { CatalogDeps } from '../deps.ts';
import { createCategory } from './categories.ts';
import type { CreateProductInput } from './create-product.ts';

export interface ImportCategory {
  key: string;
  name: string;
  parentKey: string | null;
}

export type ImportProduct = Omit<CreateProductInput, 'categoryIds'> & { categoryKeys: string[] };

/**
 * Loads a whole catalog at once (demo seed, migrations from another system): parents
 * before children, then every product in a single transaction with its events.
 */
export async function importCatalog(
  deps: CatalogDeps,
  categories: ImportCategory[],
  products: ImportProduct[],
): Promise<{ categories: number; products: number }> {
  const idOfKey = new Map<string, string>();
  for (const category of parentsFirst(categories)) {
    const parentId = category.parentKey ? (idOfKey.get(category.parentKey) ?? null) : null;
    const created = await createCategory(deps, { name: category.name, parentId });
    idOfKey.set(category.key, created.id);
  }
  const now = deps.clock.now();
  const slugs = new Set<string>();
  const built = products.map(({ categoryKeys, slug: wanted, ...fields }) => {
    const id = newId('prd', now);
    let slug = wanted ?? slugify(fields.name);
    if (slugs.has(slug)) slug = disambiguate(slug, id);
    slugs.add(slug);
    const categoryIds = categoryKeys
      .map((key) => idOfKey.get(key))
      .filter((key): key is string => key !== undefined);
    return newProduct({ ...fields, categoryIds }, { id, slug, now });
  });
  await deps.products.createMany(
    built,
    built.map((product) => productCreated(product, now)),
  );
  return { categories: categories.length, products: built.length };
}

function parentsFirst(categories: ImportCategory[]): ImportCategory[] {
  const ordered: ImportCategory[] = [];
  const placed = new Set<string>();
  let pending = categories;
  while (pending.length > 0) {
    const ready = pending.filter(
      (category) =>
        category.parentKey === null ||
        placed.has(category.parentKey) ||
        !categories.some((c) => c.key === category.parentKey),
    );
    if (ready.length === 0) throw new Error('The category tree has a cycle');
    for (const category of ready) {
      ordered.push(category);
      placed.add(category.key);
    }
    pending = pending.filter((category) => !placed.has(category.key));
  }
  return ordered;
}
