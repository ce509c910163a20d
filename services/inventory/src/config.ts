import { CommonConfig, ConfigError, PortSchema, loadConfig } from '@emporium/kit';
import { manifestEntry } from '@emporium/contracts';
import { Type, type Static } from 'typebox';
import { StreamConfig } from './stream-config.ts';

export const InventoryConfigSchema = Type.Object({
  ...CommonConfig,
  INVENTORY_PORT: PortSchema(
    manifestEntry('inventory').defaultPort,
    'Port of the inventory service',
  ),
  INVENTORY_STORE: Type.Union([Type.Literal('sqlite'), Type.Literal('dynamodb')], {
    default: 'sqlite',
    description: 'Where stock and reservations live: SQLite, or DynamoDB',
  }),
  INVENTORY_DB_PATH: Type.String({
    default: '',
    description: 'SQLite file of the inventory (default: $DATA_DIR/inventory.sqlite)',
  }),
  INVENTORY_DYNAMODB_TABLE: Type.String({
    default: 'emporium-inventory',
    description:
      'DynamoDB tables of the inventory (INVENTORY_STORE=dynamodb): this name holds the stock, <name>-reservations the reservations, <name>-log the audit trail and the outbox',
  }),
  INVENTORY_LOCATIONS: Type.String({
    default: 'wh-east,wh-west',
    pattern: '^[a-z0-9][a-z0-9-]{0,31}(,[a-z0-9][a-z0-9-]{0,31})*$',
    description:
      'Stock locations in allocation order: a reservation fills the first before the next; the first is the default of writes naming none',
  }),
  INVENTORY_RESERVATION_TTL_SECONDS: Type.Integer({
    minimum: 1,
    maximum: 86_400,
    default: 900,
    description: 'How long a reservation holds its stock when the caller names no TTL',
  }),
  INVENTORY_RESERVATION_MAX_TTL_SECONDS: Type.Integer({
    minimum: 1,
    maximum: 7 * 86_400,
    default: 3_600,
    description: 'The longest TTL a caller may ask for',
  }),
  ...StreamConfig,
});

export type InventoryConfig = Static<typeof InventoryConfigSchema>;

export function loadInventoryConfig(
  env: Record<string, string | undefined> = process.env,
): InventoryConfig {
  return loadConfig(InventoryConfigSchema, env);
}

/** The configured locations, in allocation order. */
export function locationsOf(config: InventoryConfig): string[] {
  return config.INVENTORY_LOCATIONS.split(',');
}

/** Rules across variables, checked before anything opens. */
export function checkInventoryConfig(config: InventoryConfig): void {
  const locations = locationsOf(config);
  if (new Set(locations).size !== locations.length)
    throw new ConfigError([
      `INVENTORY_LOCATIONS names a location twice: ${config.INVENTORY_LOCATIONS}`,
    ]);
  if (config.INVENTORY_RESERVATION_TTL_SECONDS > config.INVENTORY_RESERVATION_MAX_TTL_SECONDS)
    throw new ConfigError([
      'INVENTORY_RESERVATION_TTL_SECONDS must not exceed INVENTORY_RESERVATION_MAX_TTL_SECONDS',
    ]);
}
