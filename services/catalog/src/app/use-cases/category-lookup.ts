import { CatalogErrors } from '../../domain/errors.ts';
import type { CategoryStore } from '../ports/category-store.ts';

export async function assertCategoriesExist(
  categories: CategoryStore,
  ids: string[],
): Promise<void> {
  if (ids.length === 0) return;
  const known = new Set((await categories.all()).map((category) => category.id));
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length > 0) {
    throw CatalogErrors.UNKNOWN_CATEGORY.create(`Unknown categories: ${missing.join(', ')}`, {
      details: { categoryIds: missing },
    });
  }
}
