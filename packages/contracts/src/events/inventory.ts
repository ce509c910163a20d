import { Type } from 'typebox';
import { defineEvent } from './define-event.ts';

/** Topics of inventory: stock keyed by SKU, reservations keyed by reservation id. */
export const InventoryTopics = {
  stock: 'inventory.stock',
  reservation: 'inventory.reservation',
} as const;

export const InventoryEventTypes = {
  stockChanged: 'inventory.stock.changed',
  stockLow: 'inventory.stock.low',
  stockReplenished: 'inventory.stock.replenished',
  reservationExpired: 'inventory.reservation.expired',
} as const;

export const INVENTORY_SOURCE = 'emporium/inventory';

const Timestamp = Type.String({ format: 'date-time' });
const Sku = Type.String({ minLength: 1, maxLength: 64 });
const Units = Type.Integer({ minimum: 0 });

/**
 * The stock of a SKU across every location after a change. `available` is on hand minus
 * reserved, plus the backorder allowance; it never goes below zero. `version` grows with
 * every change of the SKU, so a consumer can drop an older figure that arrives late.
 */
const stockLevel = {
  sku: Sku,
  onHand: Units,
  reserved: Units,
  available: Units,
  version: Type.Integer({ minimum: 1 }),
  at: Timestamp,
};
const StockLevel = Type.Object(stockLevel);

export const StockChangedV1 = defineEvent({
  type: InventoryEventTypes.stockChanged,
  version: 1,
  schema: Type.Object({
    ...stockLevel,
    /** What caused it: adjustment, set, reservation, commit, release, expiry. */
    cause: Type.String({ minLength: 1, maxLength: 32 }),
  }),
});

/** Available stock fell to or below the SKU's low-stock threshold. */
export const StockLowV1 = defineEvent({
  type: InventoryEventTypes.stockLow,
  version: 1,
  schema: Type.Object({ ...stockLevel, threshold: Units }),
});

/** Available stock went from zero to more (back in stock). */
export const StockReplenishedV1 = defineEvent({
  type: InventoryEventTypes.stockReplenished,
  version: 1,
  schema: StockLevel,
});

/** A held reservation passed its TTL; its units are available again. */
export const ReservationExpiredV1 = defineEvent({
  type: InventoryEventTypes.reservationExpired,
  version: 1,
  schema: Type.Object({
    reservationId: Type.String({ minLength: 1, maxLength: 64 }),
    orderId: Type.String({ minLength: 1, maxLength: 128 }),
    items: Type.Array(Type.Object({ sku: Sku, quantity: Type.Integer({ minimum: 1 }) }), {
      minItems: 1,
    }),
    expiredAt: Timestamp,
  }),
});

export const InventoryEvents = [
  StockChangedV1,
  StockLowV1,
  StockReplenishedV1,
  ReservationExpiredV1,
] as const;
