import { InventoryErrors } from '../../domain/errors.ts';
import { totalsOf, withLocations, type StockRecord, type StockTotals } from '../../domain/stock.ts';
import type { InventoryDeps } from '../deps.ts';

/** A SKU's stock as the API answers it. */
export interface StockLevel extends StockTotals {
  sku: string;
  version: number;
  backorderLimit: number;
  backordered: number;
  lowStockThreshold: number | null;
  updatedAt: string;
  locations: { location: string; onHand: number; reserved: number }[];
}

export function stockLevelOf(record: StockRecord): StockLevel {
  return {
    sku: record.sku,
    ...totalsOf(record),
    version: record.version,
    backorderLimit: record.backorderLimit,
    backordered: record.backordered,
    lowStockThreshold: record.lowStockThreshold,
    updatedAt: record.updatedAt,
    locations: record.locations.map(({ location, onHand, reserved }) => ({
      location,
      onHand,
      reserved,
    })),
  };
}

/** A SKU never stocked is unknown: 404, not zero (a typo should not read as sold out). */
export async function readStock(deps: InventoryDeps, sku: string): Promise<StockLevel> {
  const [record] = await deps.store.readStock([sku]);
  if (!record) throw InventoryErrors.SKU_NOT_FOUND.create(`No stock of ${sku} was ever recorded`);
  return stockLevelOf(withLocations(record, deps.locations));
}

export const MAX_BATCH_SKUS = 100;

/** The known SKUs among `skus`, in the order asked; unknown ones are listed apart. */
export async function readStockBatch(
  deps: InventoryDeps,
  skus: readonly string[],
): Promise<{ items: StockLevel[]; unknown: string[] }> {
  const unique = [...new Set(skus)];
  if (unique.length > MAX_BATCH_SKUS)
    throw InventoryErrors.TOO_MANY_SKUS.create(`At most ${MAX_BATCH_SKUS} SKUs per request`);
  const bySku = new Map((await deps.store.readStock(unique)).map((r) => [r.sku, r]));
  const items: StockLevel[] = [];
  const unknown: string[] = [];
  for (const sku of unique) {
    const record = bySku.get(sku);
    if (record) items.push(stockLevelOf(withLocations(record, deps.locations)));
    else unknown.push(sku);
  }
  return { items, unknown };
}
