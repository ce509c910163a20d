import { CommonConfig, ConfigError, PortSchema, loadConfig } from '@emporium/kit';
import { UPSTREAM_SERVICES, manifestEntry } from '@emporium/contracts';
import { Type, type Static } from 'typebox';

const urlOf = (name: string) => {
  const entry = UPSTREAM_SERVICES.find((candidate) => candidate.name === name)!;
  return Type.String({
    default: `http://127.0.0.1:${entry.defaultPort}`,
    description: `Base URL of the ${name} service`,
  });
};

const seconds = (def: number, max: number, description: string) =>
  Type.Integer({ minimum: 1, maximum: max, default: def, description });

export const CartConfigSchema = Type.Object({
  ...CommonConfig,
  CART_PORT: PortSchema(manifestEntry('cart').defaultPort, 'Port of the cart service'),
  CART_STORE: Type.Union([Type.Literal('sqlite'), Type.Literal('dynamodb')], {
    default: 'sqlite',
    description: 'Where carts live: SQLite, or DynamoDB',
  }),
  CART_DB_PATH: Type.String({
    default: '',
    description: 'SQLite file of the carts (default: $DATA_DIR/cart.sqlite)',
  }),
  CART_GROUP_COMMIT_MS: Type.Integer({
    minimum: 0,
    maximum: 50,
    default: 1,
    description:
      'How long a SQLite cart write waits for others to commit with it in one transaction (0 = one event-loop turn)',
  }),
  CART_DYNAMODB_TABLE: Type.String({
    default: 'emporium-cart',
    description: 'DynamoDB table of the carts (CART_STORE=dynamodb)',
  }),
  CART_CACHE_PREFIX: Type.String({
    default: 'emporium:cart:',
    description: 'Prefix of the cart cache keys in Redis (isolates environments sharing a Redis)',
  }),
  CATALOG_URL: urlOf('catalog'),
  PRICING_URL: urlOf('pricing'),
  INVENTORY_URL: urlOf('inventory'),
  CART_ANONYMOUS_TTL_SECONDS: seconds(
    7 * 86_400,
    366 * 86_400,
    'An anonymous cart nobody changed for this long is gone (404)',
  ),
  CART_USER_TTL_SECONDS: seconds(
    60 * 86_400,
    366 * 86_400,
    "A signed-in customer's cart nobody changed for this long is gone (404)",
  ),
  CART_MAX_LINES: Type.Integer({
    minimum: 1,
    maximum: 200,
    default: 50,
    description: 'Lines (distinct SKUs) a cart may hold',
  }),
  CART_MAX_QUANTITY: Type.Integer({
    minimum: 1,
    maximum: 999,
    default: 99,
    description: 'Units of one SKU a line may hold',
  }),
  CART_PRODUCT_FRESH_SECONDS: seconds(
    300,
    86_400,
    'How long a cached product answer is used without asking the catalog (events refresh it sooner)',
  ),
  CART_QUOTE_FRESH_SECONDS: seconds(
    60,
    86_400,
    'How long a cached pricing quote of a cart is used without asking pricing (a price change drops it sooner)',
  ),
  CART_STOCK_FRESH_SECONDS: seconds(
    30,
    86_400,
    'How long a cached availability is used without asking inventory (stock events refresh it sooner)',
  ),
  CART_STALE_TTL_SECONDS: seconds(
    86_400,
    30 * 86_400,
    'How long cached answers are kept to answer from (stale) while an upstream is down',
  ),
  CART_UPSTREAM_TIMEOUT_MS: Type.Integer({
    minimum: 50,
    maximum: 60_000,
    default: 1_000,
    description: 'How long the cart waits for catalog, pricing or inventory per attempt',
  }),
  CART_BREAKER_FAILURES: Type.Integer({
    minimum: 1,
    maximum: 100,
    default: 3,
    description: 'Consecutive failures of an upstream that open its circuit breaker',
  }),
  CART_BREAKER_HALF_OPEN_MS: Type.Integer({
    minimum: 10,
    maximum: 600_000,
    default: 5_000,
    description: 'How long an open breaker waits before letting one trial call through',
  }),
  CART_RETRY_AFTER_SECONDS: Type.Integer({
    minimum: 1,
    maximum: 3_600,
    default: 5,
    description: 'Retry-After of a write refused with 503 because an upstream is down',
  }),
  CART_DEFAULT_CURRENCY: Type.String({
    default: 'USD',
    pattern: '^[A-Z]{3}$',
    description: 'Currency of cart reads that name none (?currency=)',
  }),
});

export type CartConfig = Static<typeof CartConfigSchema>;

export function loadCartConfig(env: Record<string, string | undefined> = process.env): CartConfig {
  return loadConfig(CartConfigSchema, env);
}

/** Rules across variables, checked before anything opens. */
export function checkCartConfig(config: CartConfig): void {
  if (config.CART_PRODUCT_FRESH_SECONDS > config.CART_STALE_TTL_SECONDS)
    throw new ConfigError(['CART_PRODUCT_FRESH_SECONDS must not exceed CART_STALE_TTL_SECONDS']);
  if (config.CART_QUOTE_FRESH_SECONDS > config.CART_STALE_TTL_SECONDS)
    throw new ConfigError(['CART_QUOTE_FRESH_SECONDS must not exceed CART_STALE_TTL_SECONDS']);
}
