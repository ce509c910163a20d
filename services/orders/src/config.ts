import { CommonConfig, PortSchema, loadConfig } from '@emporium/kit';
import { manifestEntry } from '@emporium/contracts';
import { Type, type Static } from 'typebox';

const url = (name: string, port: number) =>
  Type.String({
    default: `http://127.0.0.1:${port}`,
    description: `Base URL of the ${name} service`,
  });
const ms = (defaultMs: number, minimum: number, maximum: number, description: string) =>
  Type.Integer({ minimum, maximum, default: defaultMs, description });

export const OrdersConfigSchema = Type.Object({
  ...CommonConfig,
  ORDERS_PORT: PortSchema(manifestEntry('orders').defaultPort, 'Port of the orders service'),
  ORDERS_STORE: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')], {
    default: 'sqlite',
    description: 'Store of orders, sagas, idempotency keys and returns: SQLite, or PostgreSQL',
  }),
  ORDERS_DB_PATH: Type.String({
    default: '',
    description: 'SQLite file of the orders service (default: $DATA_DIR/orders.sqlite)',
  }),
  ORDERS_DATABASE_URL: Type.String({
    default: 'postgres://emporium:emporium@127.0.0.1:15432/emporium_orders',
    description:
      'PostgreSQL database of the orders service, its own (ORDERS_STORE=postgres); created at start when missing',
  }),
  ACCOUNTS_URL: url('accounts', manifestEntry('accounts').defaultPort),
  PRICING_URL: url('pricing', manifestEntry('pricing').defaultPort),
  INVENTORY_URL: url('inventory', manifestEntry('inventory').defaultPort),
  CART_URL: url('cart', manifestEntry('cart').defaultPort),
  SERVICE_CREDENTIALS: Type.String({
    default: '',
    description:
      'Client credentials `name:secret,...`; orders uses its own entry for service tokens (embedded default when absent)',
  }),
  ORDERS_UPSTREAM_TIMEOUT_MS: ms(
    2_000,
    100,
    60_000,
    'Timeout of one call to pricing, inventory or cart',
  ),
  ORDERS_PAYMENT_TIMEOUT_MS: ms(5_000, 100, 120_000, 'Timeout of one call to the payment provider'),
  ORDERS_PAYMENT_RETRIES: Type.Integer({
    minimum: 0,
    maximum: 10,
    default: 2,
    description: 'Retries of a failed payment call (each with the same idempotency key)',
  }),
  ORDERS_TEST_PAYMENT_DELAY_MS: ms(
    0,
    0,
    600_000,
    'How long each call to the built-in test payment provider takes (the crash test sets it)',
  ),
  ORDERS_TEST_PAYMENTS_DB_PATH: Type.String({
    default: '',
    description:
      'SQLite file of the built-in test payment provider, which remembers its answers across restarts like a remote provider (default: $DATA_DIR/test-payments.sqlite; in memory when ORDERS_DB_PATH is :memory:)',
  }),
  ORDERS_RESERVATION_TTL_SECONDS: Type.Integer({
    minimum: 30,
    maximum: 86_400,
    default: 900,
    description: 'How long inventory holds the stock of an order whose saga has not finished',
  }),
  ORDERS_SAGA_LEASE_MS: ms(
    30_000,
    100,
    3_600_000,
    'How long a process owns a running saga between two stored steps; after that another may resume it',
  ),
  ORDERS_SAGA_RESUME_INTERVAL_MS: ms(
    5_000,
    50,
    3_600_000,
    'How often unfinished sagas whose lease ran out are looked for (also once at start)',
  ),
  ORDERS_IDEMPOTENCY_KEY_RETENTION_HOURS: Type.Integer({
    minimum: 1,
    maximum: 8_760,
    default: 24,
    description:
      'How long an answered Idempotency-Key is remembered; a replay after that is a new order request',
  }),
  ORDERS_SAGA_RETRY_WINDOW_MS: ms(
    300_000,
    0,
    86_400_000,
    'How long, before the payment, an unavailable upstream is waited for before the order is rejected',
  ),
  ORDERS_IDEMPOTENCY_WAIT_MS: ms(
    10_000,
    0,
    120_000,
    'How long a repeated POST /orders waits for the first one to finish before a 409',
  ),
  ORDERS_SHIPPING_CACHE_MS: ms(
    60_000,
    0,
    3_600_000,
    'How long shipping options read from pricing are kept',
  ),
});

export type OrdersConfig = Static<typeof OrdersConfigSchema>;

export function loadOrdersConfig(
  env: Record<string, string | undefined> = process.env,
): OrdersConfig {
  return loadConfig(OrdersConfigSchema, env);
}
