import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type PostgresHandle } from '@emporium/kit/postgres';
import { Cluster, killProcess, spawnNode, waitFor, waitReady } from './harness.ts';
import { manifestEntry } from '@emporium/contracts';

interface Money {
  amount: number;
  currency: string;
}
interface Order {
  id: string;
  status: string;
  rejectionReason?: string;
  subtotal: Money;
  discount: Money;
  shipping: Money;
  tax: Money;
  total: Money;
}

/**
 * Issue 10 in distributed mode: orders as its own process on its own PostgreSQL database,
 * with pricing on PostgreSQL, inventory and carts on DynamoDB, events on Kafka, every call
 * through the gateway; and the orders process killed (SIGKILL by pid) between the stock
 * reservation and the payment, then started again.
 */
describe('the distributed platform: checkout with orders on PostgreSQL through the gateway', () => {
  let cluster: Cluster;
  let admin: Record<string, string>;
  let shopper: Record<string, string>;
  let ordersDb: PostgresHandle<unknown>;
  const address = {
    name: 'Distributed Shopper',
    line1: '5 Saga Street',
    city: 'Portland',
    postalCode: '97201',
    country: 'US',
  };

  const call = (method: string, path: string, headers: Record<string, string>, body?: unknown) => {
    const { 'content-type': _json, ...rest } = headers;
    return fetch(`${cluster.api}${path}`, {
      method,
      headers: body === undefined ? rest : { ...rest, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  };
  const json = async <T>(response: Response) => (await response.json()) as T;
  const stockOf = async (sku: string) =>
    json<{ onHand: number; reserved: number }>(await call('GET', `/inventory/${sku}`, {}));
  const usesOf = async (code: string) =>
    (await json<{ used: number }>(await call('GET', `/promotions/${code}`, admin))).used;
  /** A fresh signed-in customer: a customer has one open cart, so each test has its own. */
  const signUp = async (name: string) => {
    const credentials = { email: `${name}@example.com`, password: 'a long distributed password' };
    expect((await call('POST', '/auth/register', {}, { ...credentials, name })).status).toBe(201);
    const login = await call('POST', '/auth/login', {}, credentials);
    expect(login.status).toBe(200);
    shopper = {
      authorization: `Bearer ${(await json<{ accessToken: string }>(login)).accessToken}`,
    };
  };
  /** `response` had `status`, or the failure shows its body and the cart's recent logs. */
  const expectStatus = async (response: Response, status: number) => {
    if (response.status !== status)
      throw new Error(
        `${response.url} answered ${response.status}, not ${status}: ${await response.text()}\n` +
          (cluster.procs['cart']?.output().slice(-4_000) ?? ''),
      );
  };
  const fillCart = async (items: { sku: string; quantity: number }[], promotion?: string) => {
    const created = await call('POST', '/carts', shopper);
    await expectStatus(created, 201);
    const { id } = await json<{ id: string }>(created);
    for (const item of items)
      await expectStatus(await call('POST', `/carts/${id}/items`, shopper, item), 201);
    if (promotion)
      await expectStatus(
        await call('POST', `/carts/${id}/promotion`, shopper, { code: promotion }),
        200,
      );
    return id;
  };
  const checkout = (cartId: string, token: string, key: string, shippingOptionId = 'standard') =>
    call(
      'POST',
      '/orders',
      { ...shopper, 'idempotency-key': key },
      {
        cartId,
        shippingAddress: address,
        shippingOptionId,
        payment: { token },
      },
    );
  const product = async (sku: string, amount: number, onHand: number) => {
    const created = await call('POST', '/products', admin, {
      name: `Product ${sku}`,
      brand: 'Saga',
      categoryIds: [],
      variants: [{ sku, options: {} }],
    });
    expect(created.status).toBe(201);
    expect((await call('PUT', `/prices/${sku}`, admin, { amount, currency: 'USD' })).status).toBe(
      200,
    );
    expect((await call('PUT', `/inventory/${sku}`, admin, { onHand })).status).toBe(200);
  };
  const ordersIn = async (userKey: string) =>
    Number(
      (
        await ordersDb.pool.query<{ count: string }>(
          'SELECT count(*) AS count FROM orders WHERE idempotency_key = $1',
          [userKey],
        )
      ).rows[0]!.count,
    );

  beforeAll(async () => {
    cluster = await Cluster.plan({
      // A process that dies while owning a saga gives it up after a second, not thirty.
      gatewayEnv: {
        ORDERS_SAGA_LEASE_MS: '1000',
        ORDERS_SAGA_RESUME_INTERVAL_MS: '200',
        // Several clusters and suites share two cores and one moto: a request that waits on
        // the engines for seconds is slow, not wrong (what is tested is where it ends).
        GATEWAY_UPSTREAM_TIMEOUT_MS: '60000',
        CART_UPSTREAM_TIMEOUT_MS: '10000',
        ORDERS_UPSTREAM_TIMEOUT_MS: '20000',
        ORDERS_IDEMPOTENCY_WAIT_MS: '60000',
      },
    });
    await cluster.start();
    admin = await cluster.admin();
    ordersDb = await openPostgres({ url: cluster.ordersDatabaseUrl, pool: { max: 1 } });
    await product('DIST-KETTLE', 2500, 10);
    await product('DIST-CRASH', 4000, 4);
    expect(
      (await call('POST', '/promotions', admin, { code: 'DISTKETTLE', kind: 'percent', value: 10 }))
        .status,
    ).toBe(201);
  });
  afterAll(async () => {
    await ordersDb?.close();
    await cluster?.close();
  }, 180_000);

  it('when a signed-in shopper pays with tok_visa, then the order is confirmed with shipping and tax, stock leaves, the cart is gone, the order is in the history and a replay creates nothing', async () => {
    await signUp('dist.visa');
    const cartId = await fillCart([{ sku: 'DIST-KETTLE', quantity: 2 }], 'DISTKETTLE');
    const placed = await checkout(cartId, 'tok_visa', 'dist-visa');
    expect(placed.status).toBe(201);
    const order = await json<Order>(placed);
    // 5000 - 500 = 4500 below 5000: standard costs 599; US tax 7.25 % of 4500 = 326.
    expect(order).toMatchObject({
      status: 'confirmed',
      subtotal: { amount: 5000, currency: 'USD' },
      discount: { amount: 500 },
      shipping: { amount: 599 },
      tax: { amount: 326 },
      total: { amount: 4500 + 599 + 326 },
    });
    expect(await stockOf('DIST-KETTLE')).toMatchObject({ onHand: 8, reserved: 0 });
    expect(await usesOf('DISTKETTLE')).toBe(1);
    expect((await call('GET', `/carts/${cartId}`, shopper)).status).toBe(404);
    const history = await json<{ items: { id: string; shipping: Money; tax: Money }[] }>(
      await call('GET', '/orders', shopper),
    );
    expect(history.items[0]).toMatchObject({
      id: order.id,
      shipping: { amount: 599 },
      tax: { amount: 326 },
    });
    const detail = await json<{ statusHistory: { status: string }[] }>(
      await call('GET', `/orders/${order.id}`, shopper),
    );
    expect(detail.statusHistory.map((entry) => entry.status)).toContain('confirmed');

    const replay = await checkout(cartId, 'tok_visa', 'dist-visa');
    expect(replay.status).toBe(201);
    expect(await replay.json()).toEqual(order);
    const other = await checkout(cartId, 'tok_visa', 'dist-visa', 'express');
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await ordersIn('dist-visa')).toBe(1);
    expect(await stockOf('DIST-KETTLE')).toMatchObject({ onHand: 8, reserved: 0 });
  }, 180_000);

  it('when the card is declined, then the order is rejected, the stock and the promotion are released and the cart is kept', async () => {
    await signUp('dist.declined');
    const cartId = await fillCart([{ sku: 'DIST-KETTLE', quantity: 1 }], 'DISTKETTLE');
    const before = await stockOf('DIST-KETTLE');
    const uses = await usesOf('DISTKETTLE');
    const placed = await checkout(cartId, 'tok_declined', 'dist-declined', 'express');
    expect(placed.status).toBe(201);
    expect(await placed.json()).toMatchObject({
      status: 'rejected',
      rejectionReason: 'payment_declined',
    });
    expect(await stockOf('DIST-KETTLE')).toMatchObject({ onHand: before.onHand, reserved: 0 });
    expect(await usesOf('DISTKETTLE')).toBe(uses);
    expect((await call('GET', `/carts/${cartId}`, shopper)).status).toBe(200);
  }, 180_000);

  it('when 50 identical requests race with one key, then one order is created and stock leaves once', async () => {
    await signUp('dist.race');
    const cartId = await fillCart([{ sku: 'DIST-KETTLE', quantity: 1 }]);
    const before = await stockOf('DIST-KETTLE');
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => checkout(cartId, 'tok_visa', 'dist-race')),
    );
    const orders = await Promise.all(
      answers.map(async (answer) => ({ status: answer.status, body: await answer.json() })),
    );
    const placed = orders.filter((answer) => answer.status === 201);
    expect(placed.length).toBeGreaterThan(0);
    // Those that could not wait for the first one get a 409 to retry, never a second order.
    expect(orders.filter((answer) => answer.status !== 201 && answer.status !== 409)).toEqual([]);
    expect(new Set(placed.map((answer) => (answer.body as Order).id)).size).toBe(1);
    expect(await ordersIn('dist-race')).toBe(1);
    expect(await stockOf('DIST-KETTLE')).toMatchObject({
      onHand: before.onHand - 1,
      reserved: 0,
    });
  }, 180_000);

  it('when the orders process is killed after the reservation and before the payment, then the restarted one finishes the saga and no stock stays held', async () => {
    const orders = manifestEntry('orders');
    const spawnOrders = async (paymentDelayMs: number) => {
      const proc = spawnNode('orders', orders.entry, {
        ...cluster.envOf('orders'),
        ORDERS_TEST_PAYMENT_DELAY_MS: String(paymentDelayMs),
        ORDERS_PAYMENT_TIMEOUT_MS: '120000',
      });
      cluster.procs['orders'] = proc;
      await waitReady(cluster.urlOf('orders'), proc);
      return proc;
    };
    await killProcess(cluster.procs['orders']!);
    const slow = await spawnOrders(600_000);
    await signUp('dist.crash');
    const cartId = await fillCart([{ sku: 'DIST-CRASH', quantity: 3 }]);
    // The answer never comes: the process dies while the payment is in flight.
    void checkout(cartId, 'tok_visa', 'dist-crash').catch(() => undefined);
    const stored = async () => {
      const { rows } = await ordersDb.pool.query<{ id: string; saga: string; status: string }>(
        'SELECT id, saga, status FROM orders WHERE idempotency_key = $1',
        ['dist-crash'],
      );
      const row = rows[0];
      return (
        row && {
          id: row.id,
          status: row.status,
          step: (JSON.parse(row.saga) as { step: string }).step,
        }
      );
    };
    const { id } = await waitFor(
      'the saga stored as reserved',
      async () => ((await stored())?.step === 'reserved' ? await stored() : undefined),
      30_000,
    );
    expect(await stockOf('DIST-CRASH')).toMatchObject({ onHand: 4, reserved: 3 });
    expect(await killProcess(slow)).toBe('SIGKILL');

    await spawnOrders(0);
    const final = await waitFor(
      () => `order ${id} final`,
      async () => {
        const row = await stored();
        return row && ['confirmed', 'rejected'].includes(row.status) ? row : undefined;
      },
      60_000,
      100,
    );
    expect(final).toMatchObject({ id, status: 'confirmed', step: 'confirmed' });
    expect(await stockOf('DIST-CRASH')).toMatchObject({ onHand: 1, reserved: 0 });
    expect((await call('GET', `/carts/${cartId}`, shopper)).status).toBe(404);
    // The request that died has an answer now: a replay gets the finished order.
    const replay = await checkout(cartId, 'tok_visa', 'dist-crash');
    expect(replay.status).toBe(201);
    expect(await replay.json()).toMatchObject({ id, status: 'confirmed' });
    expect(await ordersIn('dist-crash')).toBe(1);
  }, 180_000);
});
