import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OutboxStore } from '@emporium/kit';
import {
  DynamoOutboxStore,
  createDynamoClient,
  ensureKeyTable,
  type DynamoClientOptions,
} from '@emporium/kit/dynamodb';
import type { CartStore } from '../../../app/ports/cart-store.ts';
import { DynamoCartStore } from './dynamo-cart-store.ts';

export interface DynamoCartConfig {
  /** An emulator's URL (moto: http://127.0.0.1:14566); unset on AWS. */
  endpoint?: string;
  region: string;
  tableName: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Create the table when missing (default true; off where IaC owns it). */
  ensureTable?: boolean;
  onCommit: () => void;
  now: () => number;
  /** Engine retries (tests: no pauses, an injected transport); ADR 0040. */
  retry?: Omit<DynamoClientOptions, 'region' | 'endpoint' | 'credentials'>;
}

/** The cart's DynamoDB store and outbox on one `PK`/`SK` table and one client. */
export async function createDynamoCart(
  config: DynamoCartConfig,
): Promise<{ store: CartStore; outbox: OutboxStore; close(): Promise<void> }> {
  // Engine hiccups retry with backoff, then answer 503 with Retry-After (ADR 0040).
  const base = createDynamoClient({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
    ...config.retry,
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
    store: new DynamoCartStore({ ...options, onCommit: config.onCommit }),
    outbox: new DynamoOutboxStore({ ...options, clock: { now: config.now } }),
    close: async () => base.destroy(),
  };
}
