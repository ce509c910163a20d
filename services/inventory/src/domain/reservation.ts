import { InventoryErrors } from './errors.ts';
import { rawAvailable, type LocationStock, type StockRecord } from './stock.ts';

export type ReservationStatus = 'held' | 'committed' | 'released' | 'expired';

export interface ReservationItem {
  sku: string;
  quantity: number;
}

export interface Allocation {
  sku: string;
  location: string;
  quantity: number;
}

export interface Reservation {
  id: string;
  orderId: string;
  status: ReservationStatus;
  items: ReservationItem[];
  allocations: Allocation[];
  createdAt: string;
  expiresAt: string;
  updatedAt: string;
  version: number;
}

export interface Shortage {
  sku: string;
  requested: number;
  available: number;
}

/** The same SKU twice in one request is one line of the summed quantity. */
export function mergeItems(items: readonly ReservationItem[]): ReservationItem[] {
  const bySku = new Map<string, number>();
  for (const item of items) bySku.set(item.sku, (bySku.get(item.sku) ?? 0) + item.quantity);
  return [...bySku].map(([sku, quantity]) => ({ sku, quantity }));
}

/**
 * Allocates `quantity` of a SKU: each location in allocation order gives what it has
 * free (on hand − reserved) before the next is asked; what stock cannot cover and the
 * backorder allowance can is reserved at the first location. Undefined when short.
 */
export function allocate(
  record: StockRecord,
  quantity: number,
): { locations: LocationStock[]; allocations: Allocation[] } | undefined {
  if (rawAvailable(record) < quantity || record.locations.length === 0) return undefined;
  let remaining = quantity;
  const taken = record.locations.map((entry) => {
    const take = Math.min(remaining, Math.max(0, entry.onHand - entry.reserved));
    remaining -= take;
    return take;
  });
  taken[0]! += remaining;
  const allocations = record.locations
    .map((entry, index) => ({ sku: record.sku, location: entry.location, quantity: taken[index]! }))
    .filter((allocation) => allocation.quantity > 0);
  const locations = record.locations.map((entry, index) => ({
    ...entry,
    reserved: entry.reserved + taken[index]!,
  }));
  return { locations, allocations };
}

/** Gives reserved units back to their locations (release, expiry). */
export function unreserve(
  record: StockRecord,
  allocations: readonly Allocation[],
): LocationStock[] {
  return record.locations.map((entry) => {
    const units = unitsAt(allocations, record.sku, entry.location);
    return units === 0 ? entry : { ...entry, reserved: Math.max(0, entry.reserved - units) };
  });
}

/**
 * Reserved units leave: on hand and reserved drop at their locations; units reserved
 * beyond the stock there (backorder) become backordered.
 */
export function consume(
  record: StockRecord,
  allocations: readonly Allocation[],
): { locations: LocationStock[]; backordered: number } {
  let backordered = record.backordered;
  const locations = record.locations.map((entry) => {
    const units = unitsAt(allocations, record.sku, entry.location);
    if (units === 0) return entry;
    const fromStock = Math.min(units, entry.onHand);
    backordered += units - fromStock;
    return {
      ...entry,
      onHand: entry.onHand - fromStock,
      reserved: Math.max(0, entry.reserved - units),
    };
  });
  return { locations, backordered };
}

function unitsAt(allocations: readonly Allocation[], sku: string, location: string): number {
  let units = 0;
  for (const allocation of allocations)
    if (allocation.sku === sku && allocation.location === location) units += allocation.quantity;
  return units;
}

/** The move a reservation may make from its status, or the conflict that forbids it. */
export function assertCanCommit(reservation: Reservation): void {
  if (reservation.status === 'released' || reservation.status === 'expired')
    throw InventoryErrors.RESERVATION_NOT_HELD.create(
      `Reservation ${reservation.id} is ${reservation.status}`,
    );
}

export function assertCanRelease(reservation: Reservation): void {
  if (reservation.status === 'committed')
    throw InventoryErrors.RESERVATION_COMMITTED.create(
      `Reservation ${reservation.id} is committed`,
    );
}
