import { randomUUID } from 'node:crypto';
import {
  DeleteTableCommand,
  DynamoDBClient,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { commit } from '@emporium/kit/dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeOps } from '../../src/adapters/storage/dynamodb/change-transaction.ts';
import { createDynamoInventory } from '../../src/adapters/storage/dynamodb/create-dynamo-inventory.ts';
import { inventoryTables } from '../../src/adapters/storage/dynamodb/keys.ts';
import type { InventoryStore } from '../../src/app/ports/inventory-store.ts';
import { allocate } from '../../src/domain/reservation.ts';
import { emptyStock, setOnHand, type StockRecord } from '../../src/domain/stock.ts';

const endpoint = process.env['AWS_ENDPOINT_URL'] ?? 'http://127.0.0.1:14566';
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const LOCATIONS = ['wh-east', 'wh-west'];

/**
 * What keeps replicas apart: a write decided on a state that has since changed is
 * refused by DynamoDB's condition, whoever made it. (In one process the per-key queue
 * already orders changes; this is the cross-replica half of the oversell proof.)
 */
describe('DynamoDB refuses a change decided on a stale state', () => {
  const tableName = `inventory-stale-${randomUUID()}`;
  let stores: Awaited<ReturnType<typeof createDynamoInventory>>;
  let store: InventoryStore;
  let base: DynamoDBClient;
  beforeAll(async () => {
    stores = await createDynamoInventory({
      endpoint,
      region: 'us-east-1',
      credentials,
      tableName,
      now: () => Date.now(),
      onCommit: () => undefined,
    });
    store = stores.store;
    base = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials });
  });
  afterAll(async () => {
    await stores.close();
    for (const table of Object.values(inventoryTables(tableName)))
      await base.send(new DeleteTableCommand({ TableName: table }));
    base.destroy();
  });

  const reservationWrite = (read: StockRecord) => {
    const allocated = allocate(read, 1)!;
    return { ...read, locations: allocated.locations, version: read.version + 1 };
  };

  it('when another replica reserved since the read, then the reservation built on the old version is cancelled', async () => {
    const sku = `STALE-${randomUUID().slice(0, 8)}`;
    const counted = setOnHand(emptyStock(sku, LOCATIONS), 'wh-east', 1, {}, Date.now());
    await store.change({ skus: [sku] }, () => ({ result: 1, stock: [counted] }));
    const [read] = await store.readStock([sku]);
    const client = DynamoDBDocumentClient.from(base);
    const write = (record: StockRecord) =>
      commit(
        client,
        changeOps(
          inventoryTables(tableName),
          { stock: new Map([[sku, read!]]), reservation: undefined },
          { result: 0, stock: [record] },
          Date.now(),
        ).ops,
        { cancelled: () => undefined, tooLarge: () => new Error('too large') },
      );
    await write(reservationWrite(read!));
    // The second replica read the same version 1 and also saw one unit free.
    await expect(write(reservationWrite(read!))).rejects.toBeInstanceOf(
      TransactionCanceledException,
    );
    const [after] = await store.readStock([sku]);
    expect(after).toMatchObject({ version: 2 });
    expect(after!.locations[0]).toMatchObject({ onHand: 1, reserved: 1 });
  });

  it('when a SKU was created since the read found none, then the create built on nothing is cancelled', async () => {
    const sku = `NEW-${randomUUID().slice(0, 8)}`;
    const first = setOnHand(emptyStock(sku, LOCATIONS), 'wh-east', 3, {}, Date.now());
    const client = DynamoDBDocumentClient.from(base);
    const create = () =>
      commit(
        client,
        changeOps(
          inventoryTables(tableName),
          { stock: new Map(), reservation: undefined },
          { result: 0, stock: [first] },
          Date.now(),
        ).ops,
        { cancelled: () => undefined, tooLarge: () => new Error('too large') },
      );
    await create();
    await expect(create()).rejects.toBeInstanceOf(TransactionCanceledException);
  });
});
