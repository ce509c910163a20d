import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTableCommand,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import { BRAND_INDEX, STATUS_INDEX } from './keys.ts';

const indexes: GlobalSecondaryIndex[] = [STATUS_INDEX, BRAND_INDEX].map((name) => ({
  IndexName: name,
  KeySchema: [
    { AttributeName: `${name}PK`, KeyType: 'HASH' },
    { AttributeName: `${name}SK`, KeyType: 'RANGE' },
  ],
  // The listing pages are the catalog's hot path: projecting the whole item (with the
  // JSON document) answers a page from the index alone, at the price of storing it thrice.
  Projection: { ProjectionType: 'ALL' },
}));

const attributes = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK'].map((name) => ({
  AttributeName: name,
  AttributeType: 'S' as const,
}));

/**
 * Creates the catalog table and its indexes when missing (on-demand capacity) and
 * waits until all are ACTIVE. Safe to call from several instances at once.
 */
export async function ensureCatalogTable(
  client: DynamoDBClient,
  tableName: string,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let table = await describe(client, tableName);
  if (!table) {
    await client
      .send(
        new CreateTableCommand({
          TableName: tableName,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: attributes,
          KeySchema: [
            { AttributeName: 'PK', KeyType: 'HASH' },
            { AttributeName: 'SK', KeyType: 'RANGE' },
          ],
          GlobalSecondaryIndexes: indexes,
        }),
      )
      .catch(ignore(ResourceInUseException));
  }
  table = await waitActive(client, tableName, deadline);
  // A table made by an older version may lack an index: DynamoDB adds one per update.
  for (const index of indexes) {
    if (table.GlobalSecondaryIndexes?.some((found) => found.IndexName === index.IndexName))
      continue;
    await client
      .send(
        new UpdateTableCommand({
          TableName: tableName,
          AttributeDefinitions: attributes,
          GlobalSecondaryIndexUpdates: [{ Create: index }],
        }),
      )
      .catch(ignore(ResourceInUseException));
    table = await waitActive(client, tableName, deadline);
  }
}

async function waitActive(
  client: DynamoDBClient,
  tableName: string,
  deadline: number,
): Promise<TableDescription> {
  for (;;) {
    const table = await describe(client, tableName);
    const indexesActive = (table?.GlobalSecondaryIndexes ?? []).every(
      (index) => index.IndexStatus === 'ACTIVE',
    );
    if (table?.TableStatus === 'ACTIVE' && indexesActive) return table;
    if (Date.now() > deadline) throw new Error(`DynamoDB table ${tableName} is not ACTIVE in time`);
    await sleep(500);
  }
}

async function describe(
  client: DynamoDBClient,
  tableName: string,
): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

function ignore(kind: new (...args: never[]) => Error) {
  return (error: unknown) => {
    if (!(error instanceof kind)) throw error;
  };
}
