import { CatalogErrors } from './errors.ts';

export interface Category {
  id: string;
  slug: string;
  name: string;
  description: string;
  parentId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The category and all its descendants, given every category. */
export function subtreeIds(rootId: string, categories: Category[]): string[] {
  const childrenOf = new Map<string | null, string[]>();
  for (const category of categories) {
    const siblings = childrenOf.get(category.parentId) ?? [];
    siblings.push(category.id);
    childrenOf.set(category.parentId, siblings);
  }
  const result: string[] = [];
  const pending = [rootId];
  while (pending.length > 0) {
    const id = pending.pop()!;
    result.push(id);
    pending.push(...(childrenOf.get(id) ?? []));
  }
  return result;
}

/** The category and its ancestors up to the root, nearest first. */
export function ancestry(id: string, byId: Map<string, Category>): Category[] {
  const chain: Category[] = [];
  let current = byId.get(id);
  while (current && chain.length <= byId.size) {
    chain.push(current);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return chain;
}

/** Moving `id` under `parentId` must not make it its own ancestor. */
export function assertNoCycle(
  id: string,
  parentId: string | null,
  byId: Map<string, Category>,
): void {
  if (parentId === null) return;
  if (ancestry(parentId, byId).some((ancestor) => ancestor.id === id)) {
    throw CatalogErrors.CATEGORY_CYCLE.create(
      `Category ${parentId} is ${id} or one of its descendants`,
    );
  }
}
