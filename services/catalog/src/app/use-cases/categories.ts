import { newId, type VersionPrecondition } from '@emporium/kit';
import { assertNoCycle, type Category } from '../../domain/category.ts';
import { CatalogErrors } from '../../domain/errors.ts';
import { categoryChanged } from '../events.ts';
import { disambiguate, slugify } from '../../domain/slug.ts';
import type { CatalogDeps } from '../deps.ts';

export interface CategoryInput {
  name: string;
  description?: string;
  parentId?: string | null;
  slug?: string;
}

export async function createCategory(deps: CatalogDeps, input: CategoryInput): Promise<Category> {
  const all = await deps.categories.all();
  const parentId = input.parentId ?? null;
  if (parentId && !all.some((category) => category.id === parentId)) {
    throw CatalogErrors.UNKNOWN_PARENT.create(`No parent category ${parentId}`);
  }
  const now = deps.clock.now();
  const id = newId('cat', now);
  const baseSlug = input.slug ?? slugify(input.name);
  const slug =
    all.some((category) => category.slug === baseSlug) && !input.slug
      ? disambiguate(baseSlug, id)
      : baseSlug;
  const timestamp = new Date(now).toISOString();
  const category: Category = {
    id,
    slug,
    name: input.name.trim(),
    description: input.description?.trim() ?? '',
    parentId,
    version: 1,
    createdAt: timestamp,
    updatedAt: timestamp,
  };
  await deps.categories.create(category, [categoryChanged(category, 'created', now)]);
  return category;
}

export async function updateCategory(
  deps: CatalogDeps,
  id: string,
  patch: Partial<CategoryInput>,
  precondition?: VersionPrecondition,
): Promise<Category> {
  const all = await deps.categories.all();
  const byId = new Map(all.map((category) => [category.id, category]));
  const current = byId.get(id);
  if (!current) throw CatalogErrors.CATEGORY_NOT_FOUND.create(`No category ${id}`);
  if (precondition && !precondition(current.version)) {
    throw CatalogErrors.VERSION_MISMATCH.create(
      `Category ${id} is at version ${current.version}, which the request's preconditions do not accept`,
    );
  }
  const parentId = patch.parentId === undefined ? current.parentId : patch.parentId;
  if (parentId && !byId.has(parentId))
    throw CatalogErrors.UNKNOWN_PARENT.create(`No parent category ${parentId}`);
  assertNoCycle(id, parentId, byId);
  const now = deps.clock.now();
  const next: Category = {
    ...current,
    name: patch.name?.trim() ?? current.name,
    description: patch.description?.trim() ?? current.description,
    slug: patch.slug ?? current.slug,
    parentId,
    version: current.version + 1,
    updatedAt: new Date(now).toISOString(),
  };
  await deps.categories.update(next, current.version, [categoryChanged(next, 'updated', now)]);
  return next;
}

export async function getCategory(deps: CatalogDeps, idOrSlug: string): Promise<Category> {
  const all = await deps.categories.all();
  const found = all.find((category) => category.id === idOrSlug || category.slug === idOrSlug);
  if (!found) throw CatalogErrors.CATEGORY_NOT_FOUND.create(`No category ${idOrSlug}`);
  return found;
}
