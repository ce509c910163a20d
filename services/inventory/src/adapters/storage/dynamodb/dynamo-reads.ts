import { BatchGetCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ItemKey } from '@emporium/kit/dynamodb';
import type { KeyedAdjustment } from '../../../app/ports/inventory-store.ts';
import type { Reservation } from '../../../domain/reservation.ts';
import type { StockRecord } from '../../../domain/stock.ts';
import { HELD_SHARDS, heldPartition, heldUntil, keys, type InventoryTables } from './keys.ts';

export type DocItem = ItemKey & { doc: string; version: number };

const BATCH_GET_LIMIT = 100;

/** Consistent reads of the inventory's items: a change decides on the latest state. */
export class DynamoReads {
  private readonly client: DynamoDBDocumentClient;
  private readonly tables: InventoryTables;

  constructor(client: DynamoDBDocumentClient, tables: InventoryTables) {
    this.client = client;
    this.tables = tables;
  }

  async stock(skus: readonly string[]): Promise<Map<string, StockRecord>> {
    const found = new Map<string, StockRecord>();
    const unique = [...new Set(skus)];
    for (let start = 0; start < unique.length; start += BATCH_GET_LIMIT) {
      const items = await this.batchGet(
        unique.slice(start, start + BATCH_GET_LIMIT).map(keys.stock),
      );
      for (const item of items) {
        const record = JSON.parse(item.doc) as StockRecord;
        found.set(record.sku, record);
      }
    }
    return found;
  }

  async reservation(id: string): Promise<Reservation | undefined> {
    const item = await this.get(keys.reservation(id));
    return item ? (JSON.parse(item.doc) as Reservation) : undefined;
  }

  async reservationOfOrder(orderId: string): Promise<Reservation | undefined> {
    const item = (await this.get(keys.order(orderId))) as
      (ItemKey & { reservationId?: string }) | undefined;
    return item?.reservationId ? this.reservation(item.reservationId) : undefined;
  }

  async keyedAdjustment(sku: string, key: string): Promise<KeyedAdjustment | undefined> {
    const item = (await this.get(keys.adjustmentKey(sku, key))) as
      (ItemKey & { requestHash?: string; entryId?: string }) | undefined;
    if (!item?.requestHash || !item.entryId) return undefined;
    return { sku, key, requestHash: item.requestHash, entryId: item.entryId };
  }

  /** Held reservations expiring at or before `now` in every shard, soonest first. */
  async held(now: number, limit: number): Promise<{ id: string; expiresAt: number }[]> {
    const shards = await Promise.all(
      Array.from({ length: HELD_SHARDS }, (_, shard) =>
        this.client.send(
          new QueryCommand({
            TableName: this.tables.reservations,
            KeyConditionExpression: 'PK = :pk AND SK <= :until',
            ExpressionAttributeValues: { ':pk': heldPartition(shard), ':until': heldUntil(now) },
            Limit: limit,
            ConsistentRead: true,
          }),
        ),
      ),
    );
    return shards
      .flatMap((answer) => answer.Items ?? [])
      .map((item) => {
        const [expiresAt, id] = String(item['SK']).split('#');
        return { id: id!, expiresAt: Number(expiresAt) };
      })
      .sort((a, b) => a.expiresAt - b.expiresAt)
      .slice(0, limit);
  }

  /** A reservation or an order key (both in the reservations table). */
  private async get(key: ItemKey): Promise<DocItem | undefined> {
    const answer = await this.client.send(
      new GetCommand({ TableName: this.tables.reservations, Key: key, ConsistentRead: true }),
    );
    return answer.Item as DocItem | undefined;
  }

  /** Stock items (the stock table). */
  private async batchGet(wanted: ItemKey[]): Promise<DocItem[]> {
    const table = this.tables.stock;
    const found: DocItem[] = [];
    let pending: ItemKey[] = wanted;
    for (let round = 0; pending.length > 0; round += 1) {
      if (round > 20) throw new Error('DynamoDB left keys unprocessed 20 times in a row');
      const answer = await this.client.send(
        new BatchGetCommand({
          RequestItems: { [table]: { Keys: pending, ConsistentRead: true } },
        }),
      );
      found.push(...((answer.Responses?.[table] ?? []) as DocItem[]));
      pending = (answer.UnprocessedKeys?.[table]?.Keys ?? []) as ItemKey[];
    }
    return found;
  }
}
