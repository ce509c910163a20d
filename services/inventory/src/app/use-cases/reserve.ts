import { newId } from '@emporium/kit';
import { InventoryErrors } from '../../domain/errors.ts';
import {
  allocate,
  mergeItems,
  type Allocation,
  type Reservation,
  type ReservationItem,
  type Shortage,
} from '../../domain/reservation.ts';
import { totalsOf, withLocations, type StockRecord } from '../../domain/stock.ts';
import type { InventoryDeps } from '../deps.ts';
import type { ChangeView, ChangeWrites } from '../ports/inventory-store.ts';
import { stockEvents } from '../stock-events.ts';

/** SKUs one reservation may hold: keeps a DynamoDB reservation within one transaction. */
export const MAX_RESERVATION_SKUS = 25;

export interface ReserveInput {
  orderId: string;
  items: ReservationItem[];
  ttlSeconds?: number;
}

export interface ReserveResult {
  reservation: Reservation;
  /** False when the order already had this reservation (the same answer, nothing reserved again). */
  created: boolean;
}

/**
 * Holds every item or none: each SKU is allocated across locations in allocation order;
 * one short SKU refuses the whole reservation with every shortage listed. The order id
 * is unique among reservations, so asking again (or twice at once) answers the first.
 */
export async function reserve(deps: InventoryDeps, input: ReserveInput): Promise<ReserveResult> {
  const items = mergeItems(input.items);
  if (items.length > MAX_RESERVATION_SKUS)
    throw InventoryErrors.TOO_MANY_SKUS.create(
      `At most ${MAX_RESERVATION_SKUS} SKUs per reservation`,
    );
  const ttlSeconds = input.ttlSeconds ?? deps.reservationTtl.defaultSeconds;
  if (ttlSeconds > deps.reservationTtl.maxSeconds)
    throw InventoryErrors.INVALID_TTL.create(
      `ttlSeconds may be at most ${deps.reservationTtl.maxSeconds}`,
    );
  const result = await deps.store.change(
    { skus: items.map((item) => item.sku), orderId: input.orderId },
    (view) => decide(deps, view, { ...input, items }, ttlSeconds),
  );
  if (result.created) deps.onHeld?.(Date.parse(result.reservation.expiresAt));
  return result;
}

function decide(
  deps: InventoryDeps,
  view: ChangeView,
  input: ReserveInput,
  ttlSeconds: number,
): ChangeWrites<ReserveResult> {
  if (view.reservation) return { result: { reservation: view.reservation, created: false } };
  const now = deps.clock.now();
  const stock: StockRecord[] = [];
  const allocations: Allocation[] = [];
  const shortages: Shortage[] = [];
  for (const item of input.items) {
    const before = view.stock.get(item.sku);
    const current = before && withLocations(before, deps.locations);
    const allocated = current && allocate(current, item.quantity);
    if (!current || !allocated) {
      const available = current ? totalsOf(current).available : 0;
      shortages.push({ sku: item.sku, requested: item.quantity, available });
      continue;
    }
    allocations.push(...allocated.allocations);
    stock.push({
      ...current,
      locations: allocated.locations,
      version: current.version + 1,
      updatedAt: new Date(now).toISOString(),
    });
  }
  if (shortages.length > 0)
    throw InventoryErrors.INSUFFICIENT_STOCK.create(
      `Not enough stock of ${shortages.map((s) => s.sku).join(', ')}`,
      { details: { shortages } },
    );
  const at = new Date(now).toISOString();
  const reservation: Reservation = {
    id: newId('res', now),
    orderId: input.orderId,
    status: 'held',
    items: input.items,
    allocations,
    createdAt: at,
    expiresAt: new Date(now + ttlSeconds * 1000).toISOString(),
    updatedAt: at,
    version: 1,
  };
  return {
    result: { reservation, created: true },
    stock,
    reservation,
    events: stock.flatMap((after) =>
      stockEvents(view.stock.get(after.sku), after, 'reservation', now),
    ),
  };
}
