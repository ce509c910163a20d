import { productDeleted } from '../../domain/events.ts';
import { CatalogErrors } from '../../domain/errors.ts';
import type { Product } from '../../domain/product.ts';
import type { CatalogDeps } from '../deps.ts';

/** DELETE archives: orders and carts keep referring to the product, shoppers no longer see it. */
export async function archiveProduct(
  deps: CatalogDeps,
  id: string,
  expectedVersion?: number,
): Promise<Product> {
  const current = await deps.products.get(id);
  if (!current) throw CatalogErrors.PRODUCT_NOT_FOUND.create(`No product ${id}`);
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    throw CatalogErrors.VERSION_MISMATCH.create(
      `Product ${id} is at version ${current.version}, not ${expectedVersion}`,
    );
  }
  if (current.status === 'archived') return current;
  const now = deps.clock.now();
  const archived: Product = {
    ...current,
    status: 'archived',
    version: current.version + 1,
    updatedAt: new Date(now).toISOString(),
  };
  await deps.products.update(archived, current.version, [productDeleted(archived, now)]);
  return archived;
}
