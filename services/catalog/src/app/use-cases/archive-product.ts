import type { VersionPrecondition } from '@emporium/kit';
import { productArchived } from '../events.ts';
import type { Product } from '../../domain/product.ts';
import type { CatalogDeps } from '../deps.ts';
import { loadForUpdate } from './load-for-update.ts';

/** DELETE archives: orders and carts keep referring to the product, shoppers no longer see it. */
export async function archiveProduct(
  deps: CatalogDeps,
  id: string,
  precondition?: VersionPrecondition,
): Promise<Product> {
  const current = await loadForUpdate(deps, id, precondition);
  if (current.status === 'archived') return current;
  const now = deps.clock.now();
  const archived: Product = {
    ...current,
    status: 'archived',
    version: current.version + 1,
    updatedAt: new Date(now).toISOString(),
  };
  await deps.products.update(archived, current.version, [productArchived(archived, now)]);
  return archived;
}
