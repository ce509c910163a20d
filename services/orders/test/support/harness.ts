import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService, type Clock } from '@emporium/kit';
import { createTestAuth, silentLogger, type TestAuth } from '@emporium/kit/testing';
import type { LightMyRequestResponse as Response } from 'fastify';
import { createOrdersService, type OrdersService } from '../../src/service.ts';
import { FakeAddressBook, FakeCart, FakeInventory, FakePricing } from './fakes.ts';

export interface OrdersHarness {
  service: OrdersService;
  cart: FakeCart;
  pricing: FakePricing;
  inventory: FakeInventory;
  addresses: FakeAddressBook;
  auth: TestAuth;
  dataDir: string;
  /** Authorization headers of a customer (by user id) or the admin. */
  as(userId: string): Promise<Record<string, string>>;
  admin: Record<string, string>;
  request(
    method: 'GET' | 'POST',
    url: string,
    headers?: Record<string, string>,
    payload?: unknown,
  ): Promise<Response>;
  /** POST /orders for `userId` with `key` and the body. */
  order(userId: string, key: string, body: Record<string, unknown>): Promise<Response>;
  close(): Promise<void>;
}

export const ADDRESS = {
  name: 'Ada Lovelace',
  line1: '1 Analytical Way',
  city: 'Boston',
  postalCode: '02118',
  country: 'us',
};

/** A `POST /orders` body for `cartId`: the test address, standard shipping, `tok_visa`. */
export const visaCheckout = (cartId: string) => ({
  cartId,
  shippingAddress: ADDRESS,
  shippingOptionId: 'standard',
  payment: { token: 'tok_visa' },
});

/** Fakes where SKU `KEY` costs 700 and 5 are on hand. */
export function stockedFakes() {
  const fakes = {
    cart: new FakeCart(),
    pricing: new FakePricing(),
    inventory: new FakeInventory(),
  };
  fakes.pricing.prices.set('KEY', 700);
  fakes.inventory.onHand.set('KEY', 5);
  return fakes;
}

/** Orders in-process on SQLite over fakes of cart, pricing, inventory and address books; `dataDir` reuses one. */
export async function startOrders(
  options: {
    clock?: Clock;
    env?: Record<string, string>;
    dataDir?: string;
    fakes?: {
      cart: FakeCart;
      pricing: FakePricing;
      inventory: FakeInventory;
      addresses?: FakeAddressBook;
    };
    auth?: TestAuth;
  } = {},
): Promise<OrdersHarness> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'orders-'));
  const auth = options.auth ?? (await createTestAuth());
  const cart = options.fakes?.cart ?? new FakeCart();
  const pricing = options.fakes?.pricing ?? new FakePricing();
  const inventory = options.fakes?.inventory ?? new FakeInventory();
  const addresses = options.fakes?.addresses ?? new FakeAddressBook();
  const service = await startService(createOrdersService({ cart, pricing, inventory, addresses }), {
    env: {
      DATA_DIR: dataDir,
      LOG_LEVEL: process.env.ORDERS_TEST_LOG ?? 'silent',
      ORDERS_PORT: '0',
      ORDERS_PAYMENT_RETRIES: '1',
      // Tests drive the resumer themselves with `resumer.pass()`.
      ORDERS_SAGA_RESUME_INTERVAL_MS: '3600000',
      ...options.env,
    },
    logger: silentLogger,
    verifier: auth.verifier,
    processMetrics: false,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const admin = { authorization: await auth.bearer('usr_admin', ['admin']) };
  const request: OrdersHarness['request'] = (method, url, headers = {}, payload) =>
    service.app.inject({
      method,
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const as = async (userId: string) => ({
    authorization: await auth.bearer(userId, ['customer']),
  });
  return {
    service,
    cart,
    pricing,
    inventory,
    addresses,
    auth,
    dataDir,
    admin,
    as,
    request,
    order: async (userId, key, body) =>
      request('POST', '/orders', { ...(await as(userId)), 'idempotency-key': key }, body),
    async close() {
      await service.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
