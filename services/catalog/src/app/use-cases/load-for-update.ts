import { CatalogErrors } from '../../domain/errors.ts';
import type { Product } from '../../domain/product.ts';
import type { CatalogDeps } from '../deps.ts';

/** The product to change, checked against the version the client last saw (If-Match). */
export async function loadForUpdate(
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
  return current;
}
