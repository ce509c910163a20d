import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  DynamoOutboxStore,
  createDynamoClient,
  type DynamoClientOptions,
} from '@emporium/kit/dynamodb';
import { DynamoCategoryStore } from './dynamo-category-store.ts';
import { DynamoProductStore } from './dynamo-product-store.ts';
import { DynamoSkuOfferStore } from './dynamo-sku-offer-store.ts';
import { ensureCatalogTable } from './table.ts';

export interface DynamoStoresConfig {
  /** An emulator's URL (moto: http://127.0.0.1:14566); unset on AWS. */
  endpoint?: string;
  region: string;
  tableName: string;
  /** Unset: the SDK's default chain (environment, profile, task role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Create the table and indexes when missing (default true; off where IaC owns it). */
  ensureTable?: boolean;
  onCommit: () => void;
  now: () => number;
  /** Engine retries (tests: no pauses, an injected transport); ADR 0040. */
  retry?: Omit<DynamoClientOptions, 'region' | 'endpoint' | 'credentials'>;
}

/** The catalog's DynamoDB stores on one table and one client, for the composition root. */
export async function createDynamoStores(config: DynamoStoresConfig) {
  // Engine hiccups retry with backoff, then answer 503 with Retry-After (ADR 0040).
  const base = createDynamoClient({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
    ...config.retry,
  });
  try {
    if (config.ensureTable !== false) await ensureCatalogTable(base, config.tableName);
  } catch (error) {
    base.destroy();
    throw error;
  }
  const client = DynamoDBDocumentClient.from(base, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const options = {
    client,
    tableName: config.tableName,
    now: config.now,
    onCommit: config.onCommit,
  };
  return {
    products: new DynamoProductStore(options),
    categories: new DynamoCategoryStore(options),
    offers: new DynamoSkuOfferStore(options),
    outbox: new DynamoOutboxStore({ ...options, clock: { now: config.now } }),
    close: async () => base.destroy(),
  };
}
