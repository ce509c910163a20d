import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoStores } from '../../src/adapters/storage/dynamodb/create-dynamo-stores.ts';
import { describeSkuOfferStoreContract } from './sku-offer-store.contract.ts';

const endpoint = process.env['AWS_ENDPOINT_URL'] ?? 'http://127.0.0.1:14566';
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

describeSkuOfferStoreContract({
  name: 'DynamoDB',
  async create() {
    const tableName = `catalog-offers-test-${randomUUID()}`;
    const stores = await createDynamoStores({
      endpoint,
      region: 'us-east-1',
      credentials,
      tableName,
      now: () => Date.now(),
      onCommit: () => undefined,
    });
    return Object.assign(stores.offers, {
      async close() {
        await stores.close();
        // The emulator keeps every table in memory: drop this run's.
        const admin = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials });
        await admin.send(new DeleteTableCommand({ TableName: tableName }));
        admin.destroy();
      },
    });
  },
});
