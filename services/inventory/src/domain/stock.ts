import { InventoryErrors } from './errors.ts';

/** On hand and reserved units of a SKU at one location. */
export interface LocationStock {
  location: string;
  onHand: number;
  reserved: number;
}

/**
 * The stock of one SKU. `available` = Σ onHand − Σ reserved + backorderLimit − backordered:
 * the backorder allowance lets a SKU be reserved beyond its stock; `backordered` counts the
 * units committed beyond stock, owed until stock arrives (an increase settles them first).
 */
export interface StockRecord {
  sku: string;
  /** In allocation order (the configured location order). */
  locations: LocationStock[];
  backorderLimit: number;
  backordered: number;
  lowStockThreshold: number | null;
  /** Grows by one with every change. */
  version: number;
  updatedAt: string;
}

export interface StockTotals {
  onHand: number;
  reserved: number;
  available: number;
}

/** Units that may still be reserved; negative only for a record a change must refuse. */
export function rawAvailable(record: StockRecord): number {
  let free = record.backorderLimit - record.backordered;
  for (const entry of record.locations) free += entry.onHand - entry.reserved;
  return free;
}

export function totalsOf(record: StockRecord): StockTotals {
  let onHand = 0;
  let reserved = 0;
  for (const entry of record.locations) {
    onHand += entry.onHand;
    reserved += entry.reserved;
  }
  return { onHand, reserved, available: Math.max(0, rawAvailable(record)) };
}

/** A SKU with nothing anywhere yet (version 0: its first write makes it 1). */
export function emptyStock(sku: string, locations: readonly string[]): StockRecord {
  return {
    sku,
    locations: locations.map((location) => ({ location, onHand: 0, reserved: 0 })),
    backorderLimit: 0,
    backordered: 0,
    lowStockThreshold: null,
    version: 0,
    updatedAt: new Date(0).toISOString(),
  };
}

/** The record's locations in the configured order, adding configured ones it lacks. */
export function withLocations(record: StockRecord, locations: readonly string[]): StockRecord {
  const known = new Map(record.locations.map((entry) => [entry.location, entry]));
  const ordered = locations.map(
    (location) => known.get(location) ?? { location, onHand: 0, reserved: 0 },
  );
  const extra = record.locations.filter((entry) => !locations.includes(entry.location));
  return { ...record, locations: [...ordered, ...extra] };
}

/** The next version of a record, with `change` applied to one location. */
function changeLocation(
  record: StockRecord,
  location: string,
  change: (entry: LocationStock) => LocationStock,
): LocationStock[] {
  if (!record.locations.some((entry) => entry.location === location))
    throw InventoryErrors.UNKNOWN_LOCATION.create(`"${location}" is not a stock location`);
  return record.locations.map((entry) => (entry.location === location ? change(entry) : entry));
}

function bumped(record: StockRecord, at: number): Pick<StockRecord, 'version' | 'updatedAt'> {
  return { version: record.version + 1, updatedAt: new Date(at).toISOString() };
}

/** Units arriving at a location first settle backordered units (they are owed). */
function receive(record: StockRecord, entry: LocationStock, units: number) {
  const settled = Math.min(record.backordered, units);
  return {
    entry: { ...entry, onHand: entry.onHand + units - settled },
    backordered: record.backordered - settled,
  };
}

export interface StockSettings {
  lowStockThreshold?: number | null;
  backorderLimit?: number;
}

/** A count: on hand at `location` becomes `onHand` (PUT). */
export function setOnHand(
  record: StockRecord,
  location: string,
  onHand: number,
  settings: StockSettings,
  at: number,
): StockRecord {
  const current = record.locations.find((entry) => entry.location === location);
  return shiftOnHand(record, location, onHand - (current?.onHand ?? 0), settings, at, 'set');
}

/** An adjustment: on hand at `location` moves by `delta`. */
export function adjustOnHand(
  record: StockRecord,
  location: string,
  delta: number,
  at: number,
): StockRecord {
  return shiftOnHand(record, location, delta, {}, at, 'adjust');
}

function shiftOnHand(
  record: StockRecord,
  location: string,
  delta: number,
  settings: StockSettings,
  at: number,
  how: 'set' | 'adjust',
): StockRecord {
  let backordered = record.backordered;
  const locations = changeLocation(record, location, (entry) => {
    if (delta >= 0) {
      const received = receive(record, entry, delta);
      backordered = received.backordered;
      return received.entry;
    }
    const onHand = entry.onHand + delta;
    if (onHand < entry.reserved) throw belowReserved(how, location, entry.reserved);
    return { ...entry, onHand };
  });
  const next: StockRecord = {
    ...record,
    ...settingsOf(record, settings),
    locations,
    backordered,
    ...bumped(record, at),
  };
  if (rawAvailable(next) < 0)
    throw InventoryErrors.INSUFFICIENT_STOCK.create(
      `The change would leave ${record.sku} with less than nothing available`,
    );
  return next;
}

function settingsOf(record: StockRecord, settings: StockSettings) {
  return {
    lowStockThreshold:
      settings.lowStockThreshold === undefined
        ? record.lowStockThreshold
        : settings.lowStockThreshold,
    backorderLimit: settings.backorderLimit ?? record.backorderLimit,
  };
}

function belowReserved(how: 'set' | 'adjust', location: string, reserved: number) {
  const error = how === 'set' ? InventoryErrors.BELOW_RESERVED : InventoryErrors.INSUFFICIENT_STOCK;
  return error.create(`${reserved} units are reserved at ${location}`);
}
