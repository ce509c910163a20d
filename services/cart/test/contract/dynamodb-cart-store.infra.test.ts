import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoCart } from '../../src/adapters/storage/dynamodb/create-dynamo-cart.ts';
import { describeCartStoreContract } from './cart-store.contract.ts';

const endpoint = process.env['AWS_ENDPOINT_URL'] ?? 'http://127.0.0.1:14566';
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

describeCartStoreContract({
  name: 'DynamoDB',
  sweeps: false,
  async create(clock) {
    const tableName = `cart-test-${randomUUID()}`;
    const stores = await createDynamoCart({
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
      await admin.send(new DeleteTableCommand({ TableName: tableName }));
      admin.destroy();
    };
    return { store: stores.store, committedEvents, close };
  },
});
