import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OutboxStore } from '@emporium/kit';
import { DynamoOutboxStore, ensureKeyTable } from '@emporium/kit/dynamodb';
import type { InventoryStore } from '../../../app/ports/inventory-store.ts';
import { DynamoInventoryStore } from './dynamo-inventory-store.ts';

export interface DynamoInventoryConfig {
  /** An emulator's URL (moto: http://127.0.0.1:14566); unset on AWS. */
  endpoint?: string;
  region: string;
  tableName: string;
  /** Unset: the SDK's default chain (environment, profile, task role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Create the table when missing (default true; off where IaC owns it). */
  ensureTable?: boolean;
  onCommit: () => void;
  now: () => number;
}

/** The inventory's DynamoDB store and outbox on one `PK`/`SK` table and one client. */
export async function createDynamoInventory(
  config: DynamoInventoryConfig,
): Promise<{ store: InventoryStore; outbox: OutboxStore; close(): Promise<void> }> {
  const base = new DynamoDBClient({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
  });
  try {
    if (config.ensureTable !== false) await ensureKeyTable(base, config.tableName);
  } catch (error) {
    base.destroy();
    throw error;
  }
  const client = DynamoDBDocumentClient.from(base, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const options = { client, tableName: config.tableName, now: config.now };
  return {
    store: new DynamoInventoryStore({ ...options, onCommit: config.onCommit }),
    outbox: new DynamoOutboxStore({ ...options, clock: { now: config.now } }),
    close: async () => base.destroy(),
  };
}
