import type { VersionPrecondition } from '@emporium/kit';
import { CatalogErrors } from '../../domain/errors.ts';
import type { Product } from '../../domain/product.ts';
import type { CatalogDeps } from '../deps.ts';

/** The product to change, checked against the client's preconditions (If-Match, If-None-Match). */
export async function loadForUpdate(
  deps: CatalogDeps,
  id: string,
  precondition?: VersionPrecondition,
): Promise<Product> {
  const current = await deps.products.get(id);
  if (!current) throw CatalogErrors.PRODUCT_NOT_FOUND.create(`No product ${id}`);
  if (precondition && !precondition(current.version)) {
    throw CatalogErrors.VERSION_MISMATCH.create(
      `Product ${id} is at version ${current.version}, which the request's preconditions do not accept`,
    );
  }
  return current;
}
