import type { Page } from '@emporium/kit';
import type { AdjustmentEntry } from '../../domain/adjustment.ts';
import { InventoryErrors } from '../../domain/errors.ts';
import type { InventoryDeps } from '../deps.ts';

/** The counts and adjustments of a SKU, newest first; 404 for a SKU never stocked. */
export async function auditTrail(
  deps: InventoryDeps,
  sku: string,
  page: { limit: number; cursor?: string },
): Promise<Page<AdjustmentEntry>> {
  const [record] = await deps.store.readStock([sku]);
  if (!record) throw InventoryErrors.SKU_NOT_FOUND.create(`No stock of ${sku} was ever recorded`);
  return deps.store.auditTrail(sku, page.limit, page.cursor);
}
