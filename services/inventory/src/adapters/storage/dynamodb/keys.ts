import type { ItemKey } from '@emporium/kit/dynamodb';

/** Held-reservation index partitions: spreads the expiry index's writes over several keys. */
export const HELD_SHARDS = 4;

/**
 * The inventory's three tables. TransactWriteItems spans them, so a change is still one
 * transaction. Split by growth: `stock` holds one item per SKU and never grows with
 * traffic; `reservations` holds reservations, order keys and the expiry index; `log` what
 * is only appended, never read by a decision: the audit trail and the kit's outbox
 * (pending and published rows). On the emulator a transaction deep-copies the table of
 * each of its items (ADR 0025), so a small table under the stock's conditions matters.
 */
export interface InventoryTables {
  stock: string;
  reservations: string;
  log: string;
}

/** The three tables of a base name: `<base>` (stock), `<base>-reservations`, `<base>-log`. */
export function inventoryTables(base: string): InventoryTables {
  return { stock: base, reservations: `${base}-reservations`, log: `${base}-log` };
}

/** Item keys: stock in `stock`; audit in `log`; reservation, order and held in `reservations`. */
export const keys = {
  stock: (sku: string): ItemKey => ({ PK: `STOCK#${sku}`, SK: 'STOCK' }),
  audit: (sku: string, id: string): ItemKey => ({ PK: `AUDIT#${sku}`, SK: id }),
  adjustmentKey: (sku: string, key: string): ItemKey => ({ PK: `ADJKEY#${sku}`, SK: key }),
  reservation: (id: string): ItemKey => ({ PK: `RES#${id}`, SK: 'RES' }),
  order: (orderId: string): ItemKey => ({ PK: `ORDER#${orderId}`, SK: 'ORDER' }),
  held: (id: string, expiresAt: number): ItemKey => ({
    PK: heldPartition(shardOf(id)),
    SK: `${String(expiresAt).padStart(15, '0')}#${id}`,
  }),
};

export const heldPartition = (shard: number): string => `HELD#${shard}`;

/** The expiry bound of a held-index query: every item expiring at or before `at`. */
export const heldUntil = (at: number): string => `${String(at).padStart(15, '0')}#~`;

function shardOf(id: string): number {
  let hash = 0;
  for (let i = 0; i < id.length; i += 1) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return hash % HELD_SHARDS;
}
