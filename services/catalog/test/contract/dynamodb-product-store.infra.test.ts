import { randomUUID } from 'node:crypto';
import { createDynamoStores } from '../../src/adapters/storage/dynamodb/create-dynamo-stores.ts';
import { describeProductStoreContract } from './product-store.contract.ts';

const endpoint = process.env['AWS_ENDPOINT_URL'] ?? 'http://127.0.0.1:14566';

describeProductStoreContract({
  name: 'DynamoDB',
  async create() {
    const stores = await createDynamoStores({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      tableName: `catalog-test-${randomUUID()}`,
      now: () => Date.now(),
      onCommit: () => undefined,
    });
    const committedEvents = async () => (await stores.outbox.pending(1_000)).map((e) => e.event);
    return { store: stores.products, committedEvents, close: stores.close };
  },
});
