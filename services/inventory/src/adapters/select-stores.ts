import { join } from 'node:path';
import { SqliteOutboxStore, openSqlite, type Clock, type OutboxStore } from '@emporium/kit';
import type { InventoryStore } from '../app/ports/inventory-store.ts';
import type { InventoryConfig } from '../config.ts';
import { inventoryMigrations, type InventorySchema } from './storage/sqlite/schema.ts';
import { SqliteInventoryStore } from './storage/sqlite/sqlite-inventory-store.ts';

export interface InventoryAdapters {
  store: InventoryStore;
  outbox: OutboxStore;
  readiness: { name: string; check(): Promise<void> | void }[];
  close(): Promise<void>;
}

interface Wiring {
  clock: Clock;
  /** After every commit that wrote events. */
  onCommit: () => void;
}

/** The store the configuration names; the AWS SDK loads only when DynamoDB is chosen. */
export async function selectStores(
  config: InventoryConfig,
  { clock, onCommit }: Wiring,
): Promise<InventoryAdapters> {
  const now = () => clock.now();
  if (config.INVENTORY_STORE === 'dynamodb') {
    const { createDynamoInventory } = await import('./storage/dynamodb/create-dynamo-inventory.ts');
    const dynamo = await createDynamoInventory({
      region: config.AWS_REGION,
      tableName: config.INVENTORY_DYNAMODB_TABLE,
      onCommit,
      now,
      ...aws(config),
    });
    return {
      ...dynamo,
      readiness: [{ name: 'dynamodb', check: async () => void (await dynamo.outbox.pending(1)) }],
    };
  }
  const handle = await openSqlite<InventorySchema>({
    path: config.INVENTORY_DB_PATH || join(config.DATA_DIR, 'inventory.sqlite'),
    migrations: inventoryMigrations,
  });
  return {
    store: new SqliteInventoryStore({ handle, now, onCommit }),
    outbox: new SqliteOutboxStore(handle, clock),
    readiness: [{ name: 'sqlite', check: () => void handle.raw.prepare('SELECT 1').get() }],
    close: () => handle.close(),
  };
}

/** The emulator endpoint and its dummy credentials, when one is configured. */
function aws(config: InventoryConfig) {
  if (!config.AWS_ENDPOINT_URL) return {};
  return {
    endpoint: config.AWS_ENDPOINT_URL,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
}
