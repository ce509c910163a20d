export interface HeldStock {
  id: string;
  allocations: { sku: string; location: string; quantity: number }[];
}

/** Inventory as the saga uses it: all-or-nothing holds, their settlement, and restocking. */
export interface InventoryPort {
  /** Holds every item or none (INVENTORY.INSUFFICIENT_STOCK); the same order is the same hold. */
  reserve(orderId: string, items: { sku: string; quantity: number }[]): Promise<HeldStock>;
  commit(reservationId: string): Promise<void>;
  release(reservationId: string): Promise<void>;
  /** Puts units back on hand at a location (a cancelled or returned order). */
  restock(
    sku: string,
    quantity: number,
    location: string | undefined,
    reason: string,
  ): Promise<void>;
}
