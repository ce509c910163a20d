import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { eventually } from '@emporium/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPlatform, type EmbeddedPlatform } from './embedded-platform.ts';
import { freePort } from './free-port.ts';

const ordersMain = resolve(import.meta.dirname, '../../../services/orders/src/main.ts');

/**
 * The crash test of issue 10: an orders process (its own OS process, on the platform's
 * other services) is killed with SIGKILL while a saga is between the stock reservation and
 * the payment, and started again. Nothing in the service knows it is tested: the payment
 * is made slow by configuration (ORDERS_TEST_PAYMENT_DELAY_MS) and the test watches the
 * saga's stored step in the process's own SQLite file.
 */
describe('an orders process killed in the middle of a saga', () => {
  let embedded: EmbeddedPlatform;
  let api: string;
  let shopper: Record<string, string>;
  let port: number;
  let child: ChildProcess | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'orders-crash-'));
  const json = { 'content-type': 'application/json' };
  const send = (url: string, method: string, body: unknown, headers: Record<string, string>) =>
    fetch(url, {
      method,
      headers: body === undefined ? headers : { ...json, ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  const startOrders = async (paymentDelayMs: number) => {
    const { urls } = embedded.platform;
    const process_ = spawn(process.execPath, [ordersMain], {
      env: {
        PATH: process.env.PATH,
        DATA_DIR: dataDir,
        LOG_LEVEL: process.env.ORDERS_CRASH_LOG ?? 'silent',
        ORDERS_PORT: String(port),
        ACCOUNTS_URL: urls['accounts'],
        PRICING_URL: urls['pricing'],
        INVENTORY_URL: urls['inventory'],
        CART_URL: urls['cart'],
        AUTH_JWKS_URL: `${urls['accounts']}/.well-known/jwks.json`,
        ORDERS_TEST_PAYMENT_DELAY_MS: String(paymentDelayMs),
        ORDERS_PAYMENT_TIMEOUT_MS: '120000',
        ORDERS_SAGA_LEASE_MS: '1000',
        ORDERS_SAGA_RESUME_INTERVAL_MS: '200',
      },
      stdio: process.env.ORDERS_CRASH_LOG ? 'inherit' : 'ignore',
    });
    child = process_;
    await eventually(async () => (await fetch(`http://127.0.0.1:${port}/health/ready`)).ok, 30_000);
    return process_;
  };
  const sagaStep = () => {
    const db = new DatabaseSync(join(dataDir, 'orders.sqlite'), { readOnly: true });
    try {
      const row = db.prepare('SELECT id, saga FROM orders').get() as
        { id: string; saga: string } | undefined;
      return row && { id: row.id, step: (JSON.parse(row.saga) as { step: string }).step };
    } finally {
      db.close();
    }
  };
  const stockOf = async (sku: string) =>
    (await (await fetch(`${api}/inventory/${sku}`)).json()) as { onHand: number; reserved: number };

  beforeAll(async () => {
    embedded = await startEmbeddedPlatform('orders-crash', { SEED_PRODUCTS: '0' });
    api = embedded.api;
    const { admin } = embedded;
    expect(
      (
        await send(
          `${api}/products`,
          'POST',
          {
            name: 'Crash Helmet',
            brand: 'Safe',
            categoryIds: [],
            variants: [{ sku: 'CRASH-1', options: {} }],
          },
          admin,
        )
      ).status,
    ).toBe(201);
    await send(`${api}/prices/CRASH-1`, 'PUT', { amount: 4000, currency: 'USD' }, admin);
    await send(`${api}/inventory/CRASH-1`, 'PUT', { onHand: 4 }, admin);
    const credentials = { email: 'crash@example.com', password: 'a long resilient secret' };
    const registered = await send(
      `${api}/auth/register`,
      'POST',
      { ...credentials, name: 'Crash' },
      {},
    );
    expect(registered.status, await registered.clone().text()).toBe(201);
    const login = await send(`${api}/auth/login`, 'POST', credentials, {});
    expect(login.status).toBe(200);
    shopper = {
      authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}`,
    };
    port = await freePort();
  }, 120_000);
  afterAll(async () => {
    child?.kill('SIGKILL');
    await embedded?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('when the process dies after the reservation and before the payment, then the restarted one finishes the saga and no stock stays held', async () => {
    const created = await send(`${api}/carts`, 'POST', undefined, shopper);
    const { id: cartId } = (await created.json()) as { id: string };
    await send(`${api}/carts/${cartId}/items`, 'POST', { sku: 'CRASH-1', quantity: 3 }, shopper);

    const first = await startOrders(600_000);
    // The answer never comes: the process dies while the payment is in flight.
    void send(
      `http://127.0.0.1:${port}/orders`,
      'POST',
      {
        cartId,
        shippingAddress: {
          name: 'C',
          line1: '1 Road',
          city: 'Town',
          postalCode: '1',
          country: 'US',
        },
        shippingOptionId: 'standard',
        payment: { token: 'tok_visa' },
      },
      { ...shopper, 'idempotency-key': 'crash-1' },
    ).catch(() => undefined);
    const { id } = await eventually(() => {
      const saga = sagaStep();
      return saga?.step === 'reserved' ? saga : undefined;
    }, 30_000);
    expect(await stockOf('CRASH-1')).toMatchObject({ onHand: 4, reserved: 3 });
    first.kill('SIGKILL');
    await new Promise((done) => first.once('exit', done));

    await startOrders(0);
    const order = await eventually(async () => {
      const response = await fetch(`http://127.0.0.1:${port}/orders/${id}`, { headers: shopper });
      const body = (await response.json()) as { status: string };
      return body.status === 'confirmed' || body.status === 'rejected' ? body : undefined;
    }, 60_000);
    expect(order).toMatchObject({ status: 'confirmed' });
    expect(await stockOf('CRASH-1')).toMatchObject({ onHand: 1, reserved: 0 });
    expect(sagaStep()).toEqual({ id, step: 'confirmed' });
    // The request that died has an answer now: a replay gets the finished order.
    const replay = await send(
      `http://127.0.0.1:${port}/orders`,
      'POST',
      {
        cartId,
        shippingAddress: {
          name: 'C',
          line1: '1 Road',
          city: 'Town',
          postalCode: '1',
          country: 'US',
        },
        shippingOptionId: 'standard',
        payment: { token: 'tok_visa' },
      },
      { ...shopper, 'idempotency-key': 'crash-1' },
    );
    expect(replay.status).toBe(201);
    expect(await replay.json()).toMatchObject({ id, status: 'confirmed' });
  }, 180_000);
});
