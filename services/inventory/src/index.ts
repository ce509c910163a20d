export {
  inventoryService,
  inventoryService as serviceDefinition,
  type InventoryStores,
  type InventoryService,
} from './service.ts';
export { loadInventoryConfig, InventoryConfigSchema, type InventoryConfig } from './config.ts';
export { inventoryTables, type InventoryTables } from './adapters/storage/dynamodb/keys.ts';
