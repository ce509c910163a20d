import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoInventory } from '../../src/adapters/storage/dynamodb/create-dynamo-inventory.ts';
import { inventoryTables } from '../../src/adapters/storage/dynamodb/keys.ts';
import { describeInventoryStoreContract } from './inventory-store.contract.ts';

const endpoint = process.env['AWS_ENDPOINT_URL'] ?? 'http://127.0.0.1:14566';
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

describeInventoryStoreContract({
  name: 'DynamoDB',
  async create(clock) {
    const tableName = `inventory-test-${randomUUID()}`;
    const stores = await createDynamoInventory({
      endpoint,
      region: 'us-east-1',
      credentials,
      tableName,
      now: () => clock.now(),
      onCommit: () => undefined,
    });
    const committedEvents = async () => (await stores.outbox.pending(10_000)).map((e) => e.event);
    const close = async () => {
      await stores.close();
      // The emulator keeps every table in memory: drop this run's.
      const admin = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials });
      for (const table of Object.values(inventoryTables(tableName)))
        await admin.send(new DeleteTableCommand({ TableName: table }));
      admin.destroy();
    };
    return { store: stores.store, committedEvents, close };
  },
});
