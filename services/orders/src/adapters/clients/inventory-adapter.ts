import type { InventoryClient } from '@emporium/contracts';
import type { InventoryPort } from '../../app/ports/inventory-port.ts';

/** The inventory port over the contracts' InventoryClient (service token, audience inventory). */
export function inventoryAdapter(client: InventoryClient, ttlSeconds: number): InventoryPort {
  return {
    async reserve(orderId, items) {
      const held = await client.reserve({ orderId, items, ttlSeconds });
      return { id: held.id, allocations: held.allocations };
    },
    async commit(id) {
      await client.commit(id);
    },
    async release(id) {
      await client.release(id);
    },
    async restock(sku, quantity, location, reason, key) {
      await client.adjust(
        sku,
        { delta: quantity, reason, ...(location ? { location } : {}) },
        { idempotencyKey: key },
      );
    },
  };
}
