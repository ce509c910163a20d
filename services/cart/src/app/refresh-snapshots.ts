import type { ProductSnapshot } from '../domain/cart.ts';
import type { SnapshotCache } from './snapshot-cache.ts';

/** What the cart hears from the catalog: a product's variants now, or that it left. */
export type ProductChange =
  | { kind: 'changed'; active: boolean; variants: ProductSnapshot[]; skus: string[] }
  | { kind: 'archived'; skus: string[] };

/**
 * Keeps the cache in step with the catalog's events: a changed active product refreshes
 * its SKUs' entries (the next read shows the new name or image without asking), a
 * product that left (archived, back to draft, a SKU removed) has its entries dropped, so
 * the next read asks the catalog and learns the line is no longer purchasable.
 */
export async function applyProductChange(
  snapshots: SnapshotCache,
  change: ProductChange,
): Promise<void> {
  if (change.kind === 'archived' || !change.active) {
    await snapshots.dropProducts(change.skus);
    return;
  }
  const now = snapshots.now();
  await snapshots.putProducts(new Map(change.variants.map((v) => [v.sku, v] as const)), now);
}

/** A price changed: every cached quote of a cart with this SKU is old from now on. */
export function applyPriceChange(
  snapshots: SnapshotCache,
  change: { sku: string; currency: string },
): Promise<void> {
  return snapshots.markPriceChanged(change.sku, change.currency);
}

export function applyStockChange(
  snapshots: SnapshotCache,
  change: { sku: string; available: number; version: number },
): Promise<void> {
  return snapshots.applyStock(change.sku, {
    available: change.available,
    version: change.version,
  });
}
