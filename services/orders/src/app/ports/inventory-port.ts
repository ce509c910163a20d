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
  /**
   * Puts units back on hand at a location (a cancelled or returned order). `key` names
   * this restock: the same key again (a resumed cancellation, a repeated receive) changes
   * nothing, so a crash between the call and the stored step does not restock twice.
   */
  restock(
    sku: string,
    quantity: number,
    location: string | undefined,
    reason: string,
    key: string,
  ): Promise<void>;
}
