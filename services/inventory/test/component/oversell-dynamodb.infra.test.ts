import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inventoryTables } from '../../src/adapters/storage/dynamodb/keys.ts';
import { describeOversell } from './oversell.suite.ts';

const endpoint = process.env['AWS_ENDPOINT_URL'] ?? 'http://127.0.0.1:14566';
const table = `inventory-oversell-${randomUUID()}`;

describeOversell(
  'DynamoDB',
  { INVENTORY_STORE: 'dynamodb', INVENTORY_DYNAMODB_TABLE: table, AWS_ENDPOINT_URL: endpoint },
  async () => {
    const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
    const admin = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials });
    for (const name of Object.values(inventoryTables(table)))
      await admin.send(new DeleteTableCommand({ TableName: name }));
    admin.destroy();
  },
);
