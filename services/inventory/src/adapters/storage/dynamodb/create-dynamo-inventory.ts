import type { OutboxStore } from '@emporium/kit';
import type { InventoryStore } from '../../../app/ports/inventory-store.ts';

export interface DynamoInventoryConfig {
  /** An emulator's URL (moto: http://127.0.0.1:14566); unset on AWS. */
  endpoint?: string;
  region: string;
  tableName: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  ensureTable?: boolean;
  onCommit: () => void;
  now: () => number;
}

/** The inventory's DynamoDB store (the skeleton refuses it until the store lands). */
export async function createDynamoInventory(
  _config: DynamoInventoryConfig,
): Promise<{ store: InventoryStore; outbox: OutboxStore; close(): Promise<void> }> {
  throw new Error('INVENTORY_STORE=dynamodb is not built yet');
}
