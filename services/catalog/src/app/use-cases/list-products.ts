import { subtreeIds } from '../../domain/category.ts';
import type { ProductStatus } from '../../domain/product.ts';
import type { CatalogDeps } from '../deps.ts';
import type { ProductJsonPage } from '../ports/product-store.ts';

export interface ListProductsInput {
  /** A category id or slug; products of its subcategories are included. */
  category?: string;
  brand?: string;
  status?: ProductStatus;
  limit: number;
  after?: string;
  /** Only admins see drafts and archived products. */
  isAdmin: boolean;
}

export async function listProducts(
  deps: CatalogDeps,
  input: ListProductsInput,
): Promise<ProductJsonPage> {
  const statuses: ProductStatus[] = input.isAdmin
    ? input.status
      ? [input.status]
      : ['active', 'draft', 'archived']
    : ['active'];
  if (!input.isAdmin && input.status && input.status !== 'active')
    return { items: [], nextAfter: null };
  let categoryIds: string[] | undefined;
  if (input.category) {
    const all = await deps.categoryTree.all();
    const root = all.find(
      (category) => category.id === input.category || category.slug === input.category,
    );
    if (!root) return { items: [], nextAfter: null };
    categoryIds = subtreeIds(root.id, all);
  }
  return deps.products.list({
    statuses,
    limit: input.limit,
    ...(input.after ? { after: input.after } : {}),
    ...(input.brand ? { brand: input.brand } : {}),
    ...(categoryIds ? { categoryIds } : {}),
  });
}
