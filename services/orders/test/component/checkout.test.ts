import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ORDER_EVENTS, OrdersTopics, RETURN_EVENTS } from '@emporium/contracts';
import type { CloudEvent } from '@emporium/kit';
import { ADDRESS, startOrders, type OrdersHarness } from '../support/harness.ts';

const usd = (amount: number) => ({ amount, currency: 'USD' });

describe('checkout through HTTP', () => {
  let h: OrdersHarness;
  const published: CloudEvent[] = [];
  let cartSeq = 0;
  const body = (cartId: string, token = 'tok_visa', extra: Record<string, unknown> = {}) => ({
    cartId,
    shippingAddress: ADDRESS,
    shippingOptionId: 'standard',
    payment: { token },
    ...extra,
  });
  const newCart = (userId: string, items: { sku: string; quantity: number }[], promo?: string) => {
    const id = `cart_${(cartSeq += 1)}`;
    h.cart.put({ id, userId, items, ...(promo ? { promotionCode: promo } : {}) });
    return id;
  };

  beforeAll(async () => {
    h = await startOrders({ env: { EVENT_MAX_ATTEMPTS: '1' } });
    h.service.bus!.subscribe({
      group: 'test.orders-recorder',
      topics: [OrdersTopics.order, OrdersTopics.return],
      handle: async (event) => void published.push(event),
    });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.pricing.prices.set('LAMP', 2000).set('BULB', 300);
    h.inventory.onHand.set('LAMP', 10).set('BULB', 100);
    h.pricing.promotions.set('SAVE10', { percent: 10, left: 5, holders: new Set() });
  });

  it('when the cart shows product names and images, then the order keeps them on its lines as bought, in the detail and the history', async () => {
    const cartId = `cart_${(cartSeq += 1)}`;
    h.cart.put({
      id: cartId,
      userId: 'usr_names',
      items: [
        { sku: 'LAMP', quantity: 1, name: 'Brass desk lamp', image: '/media/lamp.jpg' },
        { sku: 'BULB', quantity: 2, name: 'Warm bulb', image: null },
      ],
    });
    const response = await h.order('usr_names', 'key-names-1', body(cartId));
    expect(response.statusCode).toBe(201);
    const order = response.json();
    const named = [
      { sku: 'LAMP', name: 'Brass desk lamp', image: '/media/lamp.jpg', unitPrice: usd(2000) },
      { sku: 'BULB', name: 'Warm bulb', image: null, unitPrice: usd(300) },
    ];
    expect(order).toMatchObject({ status: 'confirmed', lines: named });
    const auth = await h.as('usr_names');
    expect((await h.request('GET', `/orders/${order.id}`, auth)).json()).toMatchObject({
      lines: named,
    });
    expect((await h.request('GET', '/orders', auth)).json()).toMatchObject({
      items: [{ id: order.id, lines: named }],
    });

    await h.service.relay!.flush();
    await h.service.bus!.drain();
    const confirmed = published.find(
      (event) => event.subject === order.id && event.type === 'orders.order.confirmed',
    );
    expect(confirmed?.data).toMatchObject({
      items: [
        { sku: 'LAMP', quantity: 1, name: 'Brass desk lamp' },
        { sku: 'BULB', quantity: 2, name: 'Warm bulb' },
      ],
    });
  });

  it('when a cart line carries no name, then the order line says name null rather than guessing', async () => {
    const cartId = newCart('usr_nameless', [{ sku: 'LAMP', quantity: 1 }]);
    const response = await h.order('usr_nameless', 'key-nameless-1', body(cartId));
    expect(response.statusCode).toBe(201);
    expect(response.json().lines).toEqual([
      expect.objectContaining({ sku: 'LAMP', name: null, image: null }),
    ]);
  });

  it('when a customer orders with tok_visa, then the order is confirmed with shipping and tax, stock leaves and the cart is emptied', async () => {
    const cartId = newCart('usr_ada', [
      { sku: 'LAMP', quantity: 1 },
      { sku: 'BULB', quantity: 2 },
    ]);
    const lampBefore = h.inventory.onHand.get('LAMP')!;
    const response = await h.order('usr_ada', 'key-visa-1', body(cartId));
    expect(response.statusCode).toBe(201);
    const order = response.json();
    expect(order).toMatchObject({
      status: 'confirmed',
      userId: 'usr_ada',
      subtotal: usd(2600),
      shipping: usd(500),
      tax: usd(260),
      total: usd(3360),
      shippingOption: { id: 'standard', name: 'Standard', estimatedDays: 5 },
      shippingAddress: { ...ADDRESS, country: 'US' },
      lines: [
        { sku: 'LAMP', quantity: 1, unitPrice: usd(2000), tax: usd(200) },
        { sku: 'BULB', quantity: 2, lineTotal: usd(600), tax: usd(60) },
      ],
    });
    expect(order.statusHistory.map((s: { status: string }) => s.status)).toEqual([
      'pending',
      'confirmed',
    ]);
    expect(h.inventory.onHand.get('LAMP')).toBe(lampBefore - 1);
    expect(h.inventory.reserved.get('LAMP')).toBe(0);
    expect(h.cart.carts.has(cartId)).toBe(false);
    const detail = await h.request('GET', `/orders/${order.id}`, await h.as('usr_ada'));
    expect(detail.json()).toMatchObject({ id: order.id, status: 'confirmed', returns: [] });

    await h.service.relay!.flush();
    await h.service.bus!.drain();
    const mine = published.filter((event) => event.subject === order.id);
    expect(mine.map((event) => event.type)).toEqual([
      'orders.order.placed',
      'orders.order.confirmed',
    ]);
    for (const event of mine) {
      const contract = ORDER_EVENTS.find((candidate) => candidate.type === event.type)!;
      expect(contract.problems(event.data)).toEqual([]);
      expect(event.partitionkey).toBe(order.id);
    }
  });

  it.each([
    ['tok_declined', 'payment_declined'],
    ['tok_unavailable', 'payment_unavailable'],
  ])(
    'when the payment token is %s, then the order is rejected (%s), the stock and the promotion are given back and the cart kept',
    async (token, reason) => {
      const cartId = newCart('usr_bob', [{ sku: 'LAMP', quantity: 2 }], 'SAVE10');
      const available = h.inventory.available('LAMP');
      const response = await h.order('usr_bob', `key-${token}`, body(cartId, token));
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({ status: 'rejected', rejectionReason: reason });
      expect(response.json().statusHistory.at(-1)).toMatchObject({ status: 'rejected', reason });
      expect(h.inventory.available('LAMP')).toBe(available);
      expect(h.pricing.promotions.get('SAVE10')).toMatchObject({ left: 5 });
      expect(h.pricing.promotions.get('SAVE10')!.holders.size).toBe(0);
      expect(h.cart.carts.has(cartId)).toBe(true);
    },
  );

  it('when a promotion is on the cart, then the discount is in the order and one use is taken', async () => {
    const cartId = newCart('usr_cy', [{ sku: 'LAMP', quantity: 3 }], 'SAVE10');
    const order = (await h.order('usr_cy', 'key-promo', body(cartId))).json();
    // 6000 - 600 = 5400 ≥ 5000: standard shipping is free; tax 540.
    expect(order).toMatchObject({
      status: 'confirmed',
      discount: usd(600),
      shipping: usd(0),
      tax: usd(540),
      total: usd(5940),
      promotionCode: 'SAVE10',
    });
    expect(h.pricing.promotions.get('SAVE10')!.holders.has(order.id)).toBe(true);
  });

  it('when there is not enough stock, then the order is rejected out_of_stock and the promotion released', async () => {
    const cartId = newCart('usr_di', [{ sku: 'LAMP', quantity: 500 }], 'SAVE10');
    const order = (await h.order('usr_di', 'key-oos', body(cartId))).json();
    expect(order).toMatchObject({ status: 'rejected', rejectionReason: 'out_of_stock' });
    expect(h.pricing.promotions.get('SAVE10')!.holders.size).toBe(0);
  });

  it('when the expected total is not the quoted one, then the order is rejected price_changed and nothing is held', async () => {
    const cartId = newCart('usr_ed', [{ sku: 'BULB', quantity: 1 }]);
    const reserved = h.inventory.reserved.get('BULB') ?? 0;
    const order = (
      await h.order('usr_ed', 'key-price', body(cartId, 'tok_visa', { expectedTotal: usd(1) }))
    ).json();
    expect(order).toMatchObject({ status: 'rejected', rejectionReason: 'price_changed' });
    expect(h.inventory.reserved.get('BULB') ?? 0).toBe(reserved);
    const matching = newCart('usr_ed', [{ sku: 'BULB', quantity: 1 }]);
    const ok = await h.order(
      'usr_ed',
      'key-price-ok',
      body(matching, 'tok_visa', { expectedTotal: usd(300 + 500 + 30) }),
    );
    expect(ok.json()).toMatchObject({ status: 'confirmed', total: usd(830) });
  });

  it.each([
    [
      'an unknown shipping option',
      { shippingOptionId: 'teleport' },
      422,
      'ORDERS.SHIPPING_UNKNOWN',
    ],
    [
      'a country nothing ships to',
      { shippingAddress: { ...ADDRESS, country: 'AQ' } },
      422,
      'ORDERS.COUNTRY_UNSUPPORTED',
    ],
    ['an unknown cart', { cartId: 'cart_nope' }, 422, 'ORDERS.CART_NOT_FOUND'],
    ['no address', { shippingAddress: undefined }, 422, 'ORDERS.ADDRESS_REQUIRED'],
    ['an address and an addressId', { addressId: 'adr_home' }, 400, 'ORDERS.ADDRESS_AMBIGUOUS'],
    [
      'a bad country code',
      { shippingAddress: { ...ADDRESS, country: 'USA' } },
      400,
      'COMMON.VALIDATION_FAILED',
    ],
    ['an unknown field', { gift: true }, 400, 'COMMON.VALIDATION_FAILED'],
  ])(
    'when the order has %s (%j), then %i %s and nothing is written',
    async (_what, change, status, code) => {
      const cartId = newCart('usr_fi', [{ sku: 'BULB', quantity: 1 }]);
      const before = (await h.request('GET', '/orders', await h.as('usr_fi'))).json().items.length;
      const response = await h.order('usr_fi', `key-bad-${code}-${status}`, {
        ...body(cartId),
        ...change,
      });
      expect(response.statusCode).toBe(status);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.json()).toMatchObject({ code });
      const after = (await h.request('GET', '/orders', await h.as('usr_fi'))).json().items.length;
      expect(after).toBe(before);
    },
  );

  it("when a customer orders from someone else's cart or an empty one, then 422 and nothing is written", async () => {
    const theirs = newCart('usr_other', [{ sku: 'BULB', quantity: 1 }]);
    const stolen = await h.order('usr_gil', 'key-steal', body(theirs));
    expect(stolen.json()).toMatchObject({ code: 'ORDERS.CART_NOT_FOUND' });
    const empty = newCart('usr_gil', []);
    const none = await h.order('usr_gil', 'key-empty', body(empty));
    expect(none.statusCode).toBe(422);
    expect(none.json()).toMatchObject({ code: 'ORDERS.CART_EMPTY' });
    expect((await h.request('GET', '/orders', await h.as('usr_gil'))).json().items).toEqual([]);
  });

  it('when POST /orders has no Idempotency-Key or no token, then 400 and 401', async () => {
    const cartId = newCart('usr_hal', [{ sku: 'BULB', quantity: 1 }]);
    const noKey = await h.request('POST', '/orders', await h.as('usr_hal'), body(cartId));
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json()).toMatchObject({ code: 'ORDERS.IDEMPOTENCY_KEY_REQUIRED' });
    const anonymous = await h.request('POST', '/orders', { 'idempotency-key': 'k' }, body(cartId));
    expect(anonymous.statusCode).toBe(401);
  });

  it('when returns go from request to refund, then stock comes back, the money is refunded and the order is returned', async () => {
    const cartId = newCart('usr_ivy', [{ sku: 'LAMP', quantity: 2 }]);
    const order = (await h.order('usr_ivy', 'key-return', body(cartId))).json();
    const ivy = await h.as('usr_ivy');
    const early = await h.request('POST', `/orders/${order.id}/returns`, ivy, {
      lines: [{ sku: 'LAMP', quantity: 1 }],
      reason: 'too bright',
    });
    expect(early.statusCode, early.body).toBe(409);
    expect((await h.request('POST', `/orders/${order.id}/ship`, h.admin)).statusCode).toBe(200);
    expect((await h.request('POST', `/orders/${order.id}/deliver`, h.admin)).json()).toMatchObject({
      status: 'delivered',
    });
    const tooMany = await h.request('POST', `/orders/${order.id}/returns`, ivy, {
      lines: [{ sku: 'LAMP', quantity: 3 }],
      reason: 'x',
    });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json()).toMatchObject({ code: 'ORDERS.INVALID_RETURN' });
    const requested = await h.request('POST', `/orders/${order.id}/returns`, ivy, {
      lines: [{ sku: 'LAMP', quantity: 2 }],
      reason: 'too bright',
    });
    expect(requested.statusCode).toBe(201);
    // 2 × 2000 + 400 tax = 4400 paid for the lamps (shipping is not refunded).
    expect(requested.json()).toMatchObject({ status: 'requested', refund: usd(4400) });
    const ret = requested.json();
    const onHand = h.inventory.onHand.get('LAMP')!;
    const customer = await h.request('POST', `/returns/${ret.id}/receive`, ivy);
    expect(customer.statusCode).toBe(403);
    const received = await h.request('POST', `/returns/${ret.id}/receive`, h.admin);
    expect(received.statusCode).toBe(200);
    expect(received.json().statusHistory.map((s: { status: string }) => s.status)).toEqual([
      'requested',
      'received',
      'refunded',
    ]);
    expect(h.inventory.onHand.get('LAMP')).toBe(onHand + 2);
    const after = (await h.request('GET', `/orders/${order.id}`, ivy)).json();
    expect(after).toMatchObject({ status: 'returned', lines: [{ returnedQuantity: 2 }] });
    const stored = (await h.service.stores.store.get(order.id))!.order;
    const held = h.service.stores.testPayments.authorization(stored.payment.authorizationId!);
    expect(held).toMatchObject({ captured: 4900, refunded: 4400 });
    expect((await h.request('POST', `/returns/${ret.id}/receive`, h.admin)).statusCode).toBe(409);

    await h.service.relay!.flush();
    await h.service.bus!.drain();
    const returnEvents = published.filter((event) => event.subject === ret.id);
    expect(returnEvents.map((event) => event.type)).toEqual([
      'orders.return.requested',
      'orders.return.received',
      'orders.return.refunded',
    ]);
    for (const event of returnEvents) {
      const contract = RETURN_EVENTS.find((candidate) => candidate.type === event.type)!;
      expect(contract.problems(event.data)).toEqual([]);
    }
  });
});
