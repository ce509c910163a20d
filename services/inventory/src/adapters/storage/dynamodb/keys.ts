import type { ItemKey } from '@emporium/kit/dynamodb';

/** Held-reservation index partitions: spreads the expiry index's writes over several keys. */
export const HELD_SHARDS = 4;

/** Item keys of the inventory's single table (the kit's outbox lives beside them). */
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
