import type { Clock } from '@emporium/kit';
import type { InventoryStore } from './ports/inventory-store.ts';

/** What the use cases need: the store, the clock and the stock locations in allocation order. */
export interface InventoryDeps {
  store: InventoryStore;
  clock: Clock;
  locations: readonly string[];
  reservationTtl: { defaultSeconds: number; maxSeconds: number };
  /** Called after a reservation is made, with its expiry: wakes the sweeper when it is sooner. */
  onHeld?: (expiresAt: number) => void;
}
