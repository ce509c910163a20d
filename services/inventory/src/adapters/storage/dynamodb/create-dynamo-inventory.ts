import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OutboxStore } from '@emporium/kit';
import {
  DynamoOutboxStore,
  createDynamoClient,
  ensureKeyTable,
  type DynamoClientOptions,
} from '@emporium/kit/dynamodb';
import type { InventoryStore } from '../../../app/ports/inventory-store.ts';
import { DynamoInventoryStore } from './dynamo-inventory-store.ts';
import { inventoryTables } from './keys.ts';

export interface DynamoInventoryConfig {
  /** An emulator's URL (moto: http://127.0.0.1:14566); unset on AWS. */
  endpoint?: string;
  region: string;
  /** Base name of the three tables: `<name>` (stock), `<name>-reservations`, `<name>-log`. */
  tableName: string;
  /** Unset: the SDK's default chain (environment, profile, task role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Create the table when missing (default true; off where IaC owns it). */
  ensureTable?: boolean;
  onCommit: () => void;
  now: () => number;
  /** Engine retries (tests: no pauses, an injected transport); ADR 0040. */
  retry?: Omit<DynamoClientOptions, 'region' | 'endpoint' | 'credentials'>;
}

/** The inventory's DynamoDB store and outbox on three `PK`/`SK` tables and one client. */
export async function createDynamoInventory(
  config: DynamoInventoryConfig,
): Promise<{ store: InventoryStore; outbox: OutboxStore; close(): Promise<void> }> {
  const tables = inventoryTables(config.tableName);
  // Engine hiccups retry with backoff, then answer 503 with Retry-After (ADR 0040).
  const base = createDynamoClient({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
    ...config.retry,
  });
  try {
    if (config.ensureTable !== false)
      for (const table of Object.values(tables)) await ensureKeyTable(base, table);
  } catch (error) {
    base.destroy();
    throw error;
  }
  const client = DynamoDBDocumentClient.from(base, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return {
    store: new DynamoInventoryStore({
      client,
      tables,
      now: config.now,
      onCommit: config.onCommit,
    }),
    outbox: new DynamoOutboxStore({ client, tableName: tables.log, clock: { now: config.now } }),
    close: async () => base.destroy(),
  };
}
