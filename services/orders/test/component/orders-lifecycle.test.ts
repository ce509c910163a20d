import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDRESS, startOrders, type OrdersHarness } from '../support/harness.ts';

describe('idempotency, history, cancellation and the state machine through HTTP', () => {
  let h: OrdersHarness;
  let seq = 0;
  const cartOf = (userId: string, quantity = 1) => {
    const id = `cart_l${(seq += 1)}`;
    h.cart.put({ id, userId, items: [{ sku: 'MUG', quantity }] });
    return id;
  };
  const body = (cartId: string) => ({
    cartId,
    shippingAddress: ADDRESS,
    shippingOptionId: 'express',
    payment: { token: 'tok_visa' },
  });

  beforeAll(async () => {
    h = await startOrders();
    h.pricing.prices.set('MUG', 1000);
    h.inventory.onHand.set('MUG', 10_000);
  });
  afterAll(() => h.close());

  it('when the same key and body come again, then the first answer is replayed and nothing new is placed; another body is 422', async () => {
    const cartId = cartOf('usr_kim');
    const first = await h.order('usr_kim', 'idem-1', body(cartId));
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBe('false');
    const again = await h.order('usr_kim', 'idem-1', body(cartId));
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const other = await h.order('usr_kim', 'idem-1', {
      ...body(cartId),
      shippingOptionId: 'standard',
    });
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ code: 'ORDERS.IDEMPOTENCY_KEY_REUSED' });
    // The key is the customer's own: another customer's same key is another order.
    const lee = await h.order('usr_lee', 'idem-1', body(cartOf('usr_lee')));
    expect(lee.json().id).not.toBe(first.json().id);
    const kims = (await h.request('GET', '/orders', await h.as('usr_kim'))).json();
    expect(kims.items).toHaveLength(1);
  });

  it('when 50 identical requests race, then one order is placed and every answer is that order', async () => {
    const cartId = cartOf('usr_max');
    const reservedBefore = h.inventory.reservations.size;
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => h.order('usr_max', 'race-1', body(cartId))),
    );
    const ids = new Set(answers.map((answer) => answer.json().id));
    expect(answers.map((answer) => answer.statusCode)).toEqual(Array(50).fill(201));
    expect(ids.size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'false')).toHaveLength(1);
    const listed = (await h.request('GET', '/orders', await h.as('usr_max'))).json();
    expect(listed.items.map((order: { id: string }) => order.id)).toEqual([...ids]);
    expect(h.inventory.reservations.size).toBe(reservedBefore + 1);
  });

  it('when a request with the same key finds the cart already cleared by the first one’s checkout, then it replays that order', async () => {
    const cartId = cartOf('usr_lea');
    const read = h.cart.get.bind(h.cart);
    const clear = h.cart.clear.bind(h.cart);
    let secondReading!: () => void;
    const secondReads = new Promise<void>((resolve) => (secondReading = resolve));
    let cartCleared!: () => void;
    const cleared = new Promise<void>((resolve) => (cartCleared = resolve));
    let reads = 0;
    // Both pass the key check before anything is placed (the first to read the cart waits
    // for the other to read it too); the later read returns once the first checkout has
    // cleared the cart.
    h.cart.get = async (id) => {
      const turn = (reads += 1);
      if (turn === 1) await secondReads;
      if (turn === 2) {
        secondReading();
        await cleared;
      }
      return read(id);
    };
    h.cart.clear = async (id) => {
      await clear(id);
      cartCleared();
    };
    try {
      const answers = await Promise.all([
        h.order('usr_lea', 'race-cleared', body(cartId)),
        h.order('usr_lea', 'race-cleared', body(cartId)),
      ]);
      expect(reads).toBe(2);
      expect(answers.map((answer) => answer.statusCode)).toEqual([201, 201]);
      expect(new Set(answers.map((answer) => answer.json().id)).size).toBe(1);
      expect(answers.map((answer) => answer.headers['idempotent-replayed']).sort()).toEqual([
        'false',
        'true',
      ]);
    } finally {
      h.cart.get = read;
      h.cart.clear = clear;
    }
  });

  it('when a customer lists orders, then they are their own, newest first, page by page; an admin sees anyone’s', async () => {
    const placed: string[] = [];
    for (let i = 0; i < 3; i += 1)
      placed.push((await h.order('usr_ned', `hist-${i}`, body(cartOf('usr_ned')))).json().id);
    const ned = await h.as('usr_ned');
    const page1 = (await h.request('GET', '/orders?limit=2', ned)).json();
    expect(page1.items.map((o: { id: string }) => o.id)).toEqual([placed[2], placed[1]]);
    expect(page1.items[0]).toMatchObject({ shipping: { amount: 1500 }, tax: { amount: 100 } });
    const page2 = (
      await h.request('GET', `/orders?limit=2&cursor=${page1.nextCursor}`, ned)
    ).json();
    expect(page2).toEqual({
      items: [expect.objectContaining({ id: placed[0] })],
      nextCursor: null,
    });
    // A customer's userId filter is ignored: only their own orders.
    const sneaky = (await h.request('GET', '/orders?userId=usr_kim', ned)).json();
    expect(sneaky.items.every((o: { userId: string }) => o.userId === 'usr_ned')).toBe(true);
    const forAdmin = (await h.request('GET', '/orders?userId=usr_ned', h.admin)).json();
    expect(forAdmin.items).toHaveLength(3);
    const bad = await h.request('GET', '/orders?cursor=%%%', ned);
    expect(bad.statusCode).toBe(400);
  });

  it('when someone else asks for an order, then 404 as for an unknown one; the admin sees it', async () => {
    const order = (await h.order('usr_ola', 'own-1', body(cartOf('usr_ola')))).json();
    const other = await h.request('GET', `/orders/${order.id}`, await h.as('usr_pat'));
    expect(other.statusCode).toBe(404);
    expect(other.json()).toMatchObject({ code: 'ORDERS.ORDER_NOT_FOUND' });
    const unknown = await h.request('GET', '/orders/ord_nope', await h.as('usr_pat'));
    expect(unknown.json()).toEqual({
      ...other.json(),
      detail: expect.any(String),
      instance: expect.anything(),
    });
    expect((await h.request('GET', `/orders/${order.id}`, h.admin)).statusCode).toBe(200);
    const cancel = await h.request('POST', `/orders/${order.id}/cancel`, await h.as('usr_pat'));
    expect(cancel.statusCode).toBe(404);
  });

  it('when the owner cancels a confirmed order, then it is cancelled, stock is back, the payment voided; a second cancel is 409', async () => {
    const order = (await h.order('usr_quinn', 'cancel-1', body(cartOf('usr_quinn', 3)))).json();
    const onHand = h.inventory.onHand.get('MUG')!;
    const quinn = await h.as('usr_quinn');
    const cancelled = await h.request('POST', `/orders/${order.id}/cancel`, quinn);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    expect(h.inventory.onHand.get('MUG')).toBe(onHand + 3);
    const stored = (await h.service.stores.store.get(order.id))!;
    expect(stored.saga.step).toBe('cancelled');
    expect(
      h.service.stores.testPayments.authorization(stored.order.payment.authorizationId!),
    ).toMatchObject({
      voided: true,
    });
    const again = await h.request('POST', `/orders/${order.id}/cancel`, quinn);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'ORDERS.ILLEGAL_TRANSITION' });
  });

  it('when admins move an order, then only legal moves pass (409 otherwise) and customers are refused', async () => {
    const order = (await h.order('usr_ray', 'moves-1', body(cartOf('usr_ray')))).json();
    const ray = await h.as('usr_ray');
    expect((await h.request('POST', `/orders/${order.id}/ship`, ray)).statusCode).toBe(403);
    expect((await h.request('POST', `/orders/${order.id}/ship`)).statusCode).toBe(401);
    const early = await h.request('POST', `/orders/${order.id}/deliver`, h.admin);
    expect(early.statusCode).toBe(409);
    expect((await h.request('POST', `/orders/${order.id}/ship`, h.admin)).statusCode).toBe(200);
    expect((await h.request('POST', `/orders/${order.id}/ship`, h.admin)).statusCode).toBe(409);
    expect((await h.request('POST', `/orders/${order.id}/cancel`, ray)).statusCode).toBe(409);
    const delivered = await h.request('POST', `/orders/${order.id}/deliver`, h.admin);
    expect(delivered.json().statusHistory.map((s: { status: string }) => s.status)).toEqual([
      'pending',
      'confirmed',
      'shipped',
      'delivered',
    ]);
    expect((await h.request('POST', '/orders/ord_nope/ship', h.admin)).statusCode).toBe(404);
  });

  it('when shipping options are asked for, then pricing’s answer is served; an unsupported country is 422', async () => {
    const options = await h.request('GET', '/shipping-options?country=us');
    expect(options.statusCode).toBe(200);
    expect(options.json().items.map((o: { id: string }) => o.id)).toEqual(['standard', 'express']);
    const none = await h.request('GET', '/shipping-options?country=AQ');
    expect(none.statusCode).toBe(422);
    expect(none.json()).toMatchObject({ code: 'ORDERS.COUNTRY_UNSUPPORTED' });
    expect((await h.request('GET', '/shipping-options')).statusCode).toBe(400);
  });
});
