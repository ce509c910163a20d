import { isAppError, type CloudEvent, type FieldError } from '@emporium/kit';
import type { AdjustmentEntry } from '../../domain/adjustment.ts';
import { InventoryErrors } from '../../domain/errors.ts';
import type { StockRecord } from '../../domain/stock.ts';
import type { InventoryDeps } from '../deps.ts';
import { onHandStep, stockCount, type OnHandChange } from './set-stock.ts';
import { stockLevelOf, type StockLevel } from './stock-view.ts';

/** The most counts one PUT /inventory takes. */
export const MAX_STOCK_BATCH = 500;
/** Events one count may add (changed, low, replenished): what a chunk reserves for them. */
const EVENTS_PER_COUNT = 3;

export interface StockCountItem {
  sku: string;
  onHand: number;
  location?: string;
  lowStockThreshold?: number | null;
  backorderLimit?: number;
}

interface PlannedCount {
  index: number;
  apply: (record: StockRecord, now: number) => OnHandChange;
}

/**
 * PUT /inventory: stock counts of many SKUs, each item written as its PUT /inventory/{sku}
 * would (same audit entry, same events, in item order). Every item is checked before any
 * is written; the SKUs then go in as few changes as the store takes: one transaction on
 * SQLite; on DynamoDB, chunks that fit its 100-item transaction, each all or nothing.
 * Answers, per item, its SKU's stock after the batch.
 */
export async function setStockBatch(
  deps: InventoryDeps,
  items: readonly StockCountItem[],
  actor: string,
): Promise<StockLevel[]> {
  const bySku = planCounts(deps, items);
  const after = new Map<string, StockLevel>();
  for (const chunk of chunksOf([...bySku], deps.store.maxChangeItems)) {
    const levels = await deps.store.change({ skus: chunk.map(([sku]) => sku) }, (view) =>
      decideChunk(deps, chunk, view.stock, actor),
    );
    for (const level of levels) after.set(level.sku, level);
  }
  return items.map((item) => after.get(item.sku)!);
}

function planCounts(deps: InventoryDeps, items: readonly StockCountItem[]) {
  if (items.length === 0 || items.length > MAX_STOCK_BATCH)
    throw InventoryErrors.INVALID_BATCH.create(`A batch holds 1 to ${MAX_STOCK_BATCH} items`);
  const bySku = new Map<string, PlannedCount[]>();
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  items.forEach((item, index) => {
    const location = item.location ?? deps.locations[0]!;
    const key = `${item.sku} ${location}`;
    if (seen.has(key))
      return errors.push({
        field: `items/${index}/location`,
        message: `${item.sku} at ${location} is counted twice`,
      });
    seen.add(key);
    try {
      const planned = { index, apply: stockCount(deps, item) };
      bySku.set(item.sku, [...(bySku.get(item.sku) ?? []), planned]);
    } catch (error) {
      errors.push(itemError(error, index, 'location'));
    }
  });
  if (errors.length > 0)
    throw InventoryErrors.INVALID_BATCH.create(`${errors.length} items are invalid`, { errors });
  return bySku;
}

/** Whole SKUs per chunk, so one SKU's counts always commit together. */
function chunksOf(skus: [string, PlannedCount[]][], maxItems: number | undefined) {
  if (maxItems === undefined) return [skus];
  const chunks: [string, PlannedCount[]][][] = [];
  let chunk: [string, PlannedCount[]][] = [];
  let size = 0;
  for (const entry of skus) {
    const cost = 1 + entry[1].length * (1 + EVENTS_PER_COUNT);
    if (chunk.length > 0 && size + cost > maxItems) {
      chunks.push(chunk);
      chunk = [];
      size = 0;
    }
    chunk.push(entry);
    size += cost;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

function decideChunk(
  deps: InventoryDeps,
  chunk: [string, PlannedCount[]][],
  stock: ReadonlyMap<string, StockRecord>,
  actor: string,
) {
  const now = deps.clock.now();
  const records: StockRecord[] = [];
  const audit: AdjustmentEntry[] = [];
  const events: CloudEvent[] = [];
  const errors: FieldError[] = [];
  for (const [sku, counts] of chunk) {
    let record = stock.get(sku);
    for (const { index, apply } of counts) {
      try {
        const step = onHandStep(deps, record, { sku, actor }, now, apply);
        record = step.after;
        audit.push(step.entry);
        events.push(...step.events);
      } catch (error) {
        errors.push(itemError(error, index, 'onHand'));
      }
    }
    if (record) records.push(record);
  }
  if (errors.length > 0)
    throw InventoryErrors.BATCH_CONFLICT.create(`${errors.length} items conflict`, { errors });
  return { result: records.map(stockLevelOf), stock: records, audit, events };
}

function itemError(error: unknown, index: number, field: string): FieldError {
  if (!isAppError(error)) throw error;
  return { field: `items/${index}/${field}`, message: `${error.code}: ${error.message}` };
}
