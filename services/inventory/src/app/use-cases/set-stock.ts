import { createHash } from 'node:crypto';
import { newId } from '@emporium/kit';
import type { CloudEvent, VersionPrecondition } from '@emporium/kit';
import type { AdjustmentEntry } from '../../domain/adjustment.ts';
import { InventoryErrors } from '../../domain/errors.ts';
import {
  adjustOnHand,
  emptyStock,
  setOnHand,
  totalsOf,
  withLocations,
  type StockRecord,
} from '../../domain/stock.ts';
import type { InventoryDeps } from '../deps.ts';
import { stockEvents } from '../stock-events.ts';
import { stockLevelOf, type StockLevel } from './stock-view.ts';

export interface SetStockInput {
  sku: string;
  onHand: number;
  location?: string;
  lowStockThreshold?: number | null;
  backorderLimit?: number;
  actor: string;
  /** If-Match on the SKU's version, when the request had one. */
  precondition?: VersionPrecondition;
}

/** PUT /inventory/{sku}: a stock count at one location (the first when none is named). */
export function setStock(deps: InventoryDeps, input: SetStockInput): Promise<StockLevel> {
  return changeOnHand(deps, input, input.precondition, stockCount(deps, input));
}

/** A count's change: on hand at the location becomes `onHand`, settings as given. */
export function stockCount(
  deps: Pick<InventoryDeps, 'locations'>,
  input: Omit<SetStockInput, 'sku' | 'actor' | 'precondition'>,
): (record: StockRecord, now: number) => OnHandChange {
  const location = locationOf(deps, input.location);
  return (record, now) => ({
    record: setOnHand(record, location, input.onHand, input, now),
    location,
    reason: 'stock count',
    kind: 'set',
  });
}

export interface AdjustStockInput {
  sku: string;
  delta: number;
  reason: string;
  location?: string;
  actor: string;
  /**
   * Makes the adjustment safe to repeat (orders' restocks): the same key for the SKU with
   * the same delta, reason and location is the first adjustment again, with no second
   * change; with anything else it is 422 INVENTORY.IDEMPOTENCY_KEY_REUSED.
   */
  idempotencyKey?: string;
}

export interface AdjustmentAnswer {
  /** The stock now (after the first adjustment, and whatever came after it). */
  level: StockLevel;
  /** True when the key was seen before and nothing changed this time. */
  replayed: boolean;
}

/** POST /inventory/{sku}/adjustments: units found, damaged, returned... with a reason. */
export function adjustStock(
  deps: InventoryDeps,
  input: AdjustStockInput,
): Promise<AdjustmentAnswer> {
  const { sku, actor, idempotencyKey: key } = input;
  const location = locationOf(deps, input.location);
  const requestHash = createHash('sha256')
    .update(JSON.stringify([input.delta, input.reason, location]))
    .digest('base64url');
  const scope = { skus: [sku], ...(key !== undefined ? { adjustmentKey: { sku, key } } : {}) };
  return deps.store.change<AdjustmentAnswer>(scope, (view) => {
    const seen = view.keyedAdjustment;
    if (seen) {
      if (seen.requestHash !== requestHash)
        throw InventoryErrors.IDEMPOTENCY_KEY_REUSED.create(
          `The key "${key}" was used for another adjustment of ${sku}; use a new key`,
        );
      const current = view.stock.get(sku)!;
      return {
        result: { level: stockLevelOf(withLocations(current, deps.locations)), replayed: true },
      };
    }
    const now = deps.clock.now();
    const step = onHandStep(deps, view.stock.get(sku), { sku, actor }, now, (record, at) => ({
      record: adjustOnHand(record, location, input.delta, at),
      location,
      reason: input.reason,
      kind: 'adjustment',
      delta: input.delta,
    }));
    return {
      result: { level: stockLevelOf(step.after), replayed: false },
      stock: [step.after],
      audit: [step.entry],
      events: step.events,
      ...(key !== undefined
        ? { keyedAdjustment: { sku, key, requestHash, entryId: step.entry.id } }
        : {}),
    };
  });
}

export interface OnHandChange {
  record: StockRecord;
  location: string;
  reason: string;
  kind: AdjustmentEntry['kind'];
  /** As asked; a count's is the difference it made. */
  delta?: number;
}

function changeOnHand(
  deps: InventoryDeps,
  { sku, actor }: { sku: string; actor: string },
  precondition: VersionPrecondition | undefined,
  apply: (record: StockRecord, now: number) => OnHandChange,
): Promise<StockLevel> {
  return deps.store.change({ skus: [sku] }, (view) => {
    const now = deps.clock.now();
    const before = view.stock.get(sku);
    if (precondition && !precondition(before?.version ?? 0))
      throw InventoryErrors.VERSION_MISMATCH.create(`${sku} is at version ${before?.version ?? 0}`);
    const step = onHandStep(deps, before, { sku, actor }, now, apply);
    return {
      result: stockLevelOf(step.after),
      stock: [step.after],
      audit: [step.entry],
      events: step.events,
    };
  });
}

/** What one on-hand change writes: the record after it, its audit entry and its events. */
export interface OnHandStep {
  after: StockRecord;
  entry: AdjustmentEntry;
  events: CloudEvent[];
}

/**
 * One on-hand change decided on the SKU's record `before` (undefined: never stocked);
 * pure, so a batch applies one step per item in order, exactly as single writes would.
 */
export function onHandStep(
  deps: Pick<InventoryDeps, 'locations'>,
  before: StockRecord | undefined,
  { sku, actor }: { sku: string; actor: string },
  now: number,
  apply: (record: StockRecord, now: number) => OnHandChange,
): OnHandStep {
  const current = withLocations(before ?? emptyStock(sku, deps.locations), deps.locations);
  const change = apply(current, now);
  const after = change.record;
  const previousOnHand = current.locations.find((l) => l.location === change.location)!.onHand;
  const onHand = after.locations.find((l) => l.location === change.location)!.onHand;
  const entry: AdjustmentEntry = {
    id: newId('adj', now),
    sku,
    location: change.location,
    kind: change.kind,
    delta: change.delta ?? onHand - previousOnHand,
    reason: change.reason,
    actor,
    at: new Date(now).toISOString(),
    onHand,
    totalOnHand: totalsOf(after).onHand,
  };
  return { after, entry, events: stockEvents(before, after, change.kind, now) };
}

function locationOf(deps: Pick<InventoryDeps, 'locations'>, location: string | undefined): string {
  const chosen = location ?? deps.locations[0]!;
  if (!deps.locations.includes(chosen))
    throw InventoryErrors.UNKNOWN_LOCATION.create(
      `"${chosen}" is not one of ${deps.locations.join(', ')}`,
    );
  return chosen;
}
