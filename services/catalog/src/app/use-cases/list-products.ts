import { subtreeIds } from '../../domain/category.ts';
import type { ProductStatus } from '../../domain/product.ts';
import type { CatalogDeps } from '../deps.ts';
import type { ProductJsonPage, StoredProductJson } from '../ports/product-store.ts';

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

/**
 * The products that own these SKUs, each once, in the order their SKUs were asked for:
 * how the cart resolves a SKU to its product. Only admins see drafts and archived ones.
 */
export async function productsOfSkus(
  deps: CatalogDeps,
  skus: readonly string[],
  isAdmin: boolean,
): Promise<StoredProductJson[]> {
  const owners = await deps.products.productIdsOfSkus([...new Set(skus)]);
  const ids = [...new Set(skus.flatMap((sku) => owners.get(sku) ?? []))];
  const found = await Promise.all(ids.map((id) => deps.products.getJson(id)));
  return found.filter(
    (stored): stored is StoredProductJson =>
      stored !== undefined && (isAdmin || stored.status === 'active'),
  );
}
