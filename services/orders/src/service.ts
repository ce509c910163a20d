import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { defineService, type OutboxStore, type RunningService } from '@emporium/kit';
import { manifestEntry } from '@emporium/contracts';
import type { OrdersDeps } from './app/deps.ts';
import type { AddressBookPort } from './app/ports/address-book-port.ts';
import type { CartPort } from './app/ports/cart-port.ts';
import type { InventoryPort } from './app/ports/inventory-port.ts';
import type { PaymentProvider } from './app/ports/payment-provider.ts';
import type { PricingPort } from './app/ports/pricing-port.ts';
import { IdempotencyKeyExpiry } from './app/idempotency-key-expiry.ts';
import { SagaResumer } from './app/saga-resumer.ts';
import { SagaRunner } from './app/saga-runner.ts';
import { ShippingOptionsCache } from './app/use-cases/shipping-options.ts';
import { registerOrderRoutes } from './adapters/http/order-routes.ts';
import { registerReturnRoutes } from './adapters/http/return-routes.ts';
import { orderView } from './adapters/http/views.ts';
import { resilientPayments } from './adapters/payment/resilient-payments.ts';
import { TestPaymentProvider } from './adapters/payment/test-payment-provider.ts';
import { SqliteTestProviderLedger } from './adapters/payment/test-provider-ledger.ts';
import { selectStorage } from './adapters/select-storage.ts';
import { createUpstreams } from './adapters/upstreams.ts';
import { OrdersConfigSchema, type OrdersConfig } from './config.ts';

/** What the host runs and tests read: the deps of the use cases, the runner, the resumer. */
export type OrdersStores = OrdersDeps & {
  runner: SagaRunner;
  resumer: SagaResumer;
  keyExpiry: IdempotencyKeyExpiry;
  shipping: ShippingOptionsCache;
  /** The built-in provider (tests look at what it holds). */
  testPayments: TestPaymentProvider;
  outbox: OutboxStore;
  readiness: { name: string; check(): Promise<void> | void }[];
  close(): Promise<void>;
};

export type OrdersService = RunningService<OrdersConfig, OrdersStores>;

/** Ports a test hands in instead of the HTTP clients (component tests use fakes). */
export interface OrdersPortOverrides {
  cart?: CartPort;
  pricing?: PricingPort;
  inventory?: InventoryPort;
  addresses?: AddressBookPort;
  payments?: PaymentProvider;
}

const entry = manifestEntry('orders');
/** Keys are kept for hours: looking for old ones once a minute is plenty. */
const KEY_EXPIRY_INTERVAL_MS = 60_000;

/** The orders service: the checkout saga, order history, cancellation, fulfilment, returns. */
export function createOrdersService(overrides: OrdersPortOverrides = {}) {
  return defineService({
    name: entry.name,
    description: 'Orders, the checkout saga, shipping options, returns',
    config: OrdersConfigSchema,
    portVariable: 'ORDERS_PORT',

    async stores({ config, clock, commits, logger }): Promise<OrdersStores> {
      const storage = await selectStorage(config, { clock, onCommit: commits.notify });
      const upstreams = createUpstreams(config, clock, logger);
      const testPayments = new TestPaymentProvider({
        clock,
        delayMs: config.ORDERS_TEST_PAYMENT_DELAY_MS,
        ledger: await openTestPaymentsLedger(config),
      });
      const deps: OrdersDeps = {
        store: storage.orders,
        cart: overrides.cart ?? upstreams.cart,
        pricing: overrides.pricing ?? upstreams.pricing,
        inventory: overrides.inventory ?? upstreams.inventory,
        addresses: overrides.addresses ?? upstreams.addresses,
        payments: resilientPayments(overrides.payments ?? testPayments, {
          timeoutMs: config.ORDERS_PAYMENT_TIMEOUT_MS,
          retries: config.ORDERS_PAYMENT_RETRIES,
        }),
        clock,
        logger,
        saga: {
          leaseMs: config.ORDERS_SAGA_LEASE_MS,
          retryWindowMs: config.ORDERS_SAGA_RETRY_WINDOW_MS,
          runnerId: `orders-${randomUUID()}`,
        },
        idempotencyWaitMs: config.ORDERS_IDEMPOTENCY_WAIT_MS,
        present: (order) => orderView(order),
      };
      const runner = new SagaRunner(deps);
      const resumer = new SagaResumer({
        deps,
        runner,
        logger,
        intervalMs: config.ORDERS_SAGA_RESUME_INTERVAL_MS,
      });
      const keyExpiry = new IdempotencyKeyExpiry({
        store: deps.store,
        clock,
        logger,
        retentionMs: config.ORDERS_IDEMPOTENCY_KEY_RETENTION_HOURS * 3_600_000,
        intervalMs: KEY_EXPIRY_INTERVAL_MS,
      });
      return {
        ...deps,
        runner,
        resumer,
        keyExpiry,
        shipping: new ShippingOptionsCache({
          pricing: deps.pricing,
          clock,
          ttlMs: config.ORDERS_SHIPPING_CACHE_MS,
        }),
        testPayments,
        outbox: storage.outbox,
        readiness: [{ name: storage.engine, check: () => storage.ready() }],
        async close() {
          // The resumer and the key expiry write through the store: they stop first.
          await Promise.all([resumer.stop(), keyExpiry.stop()]);
          await upstreams.close();
          await Promise.all([storage.close(), testPayments.close()]);
        },
      };
    },

    async start(_context, stores) {
      // Sagas a dead process left behind go on (once now, then periodically).
      stores.resumer.start();
      stores.keyExpiry.start();
    },

    routes(app, _context, stores) {
      registerOrderRoutes(app, stores, stores.runner, stores.shipping);
      registerReturnRoutes(app, stores);
    },
  });
}

/** On disk beside the orders, unless the orders themselves live in memory (tests). */
async function openTestPaymentsLedger(config: OrdersConfig) {
  const path =
    config.ORDERS_TEST_PAYMENTS_DB_PATH ||
    (config.ORDERS_DB_PATH === ':memory:'
      ? ':memory:'
      : join(config.DATA_DIR, 'test-payments.sqlite'));
  return SqliteTestProviderLedger.open(path);
}

export const ordersService = createOrdersService();
