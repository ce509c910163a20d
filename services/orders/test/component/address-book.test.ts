import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOrders, type OrdersHarness } from '../support/harness.ts';

const HOME = {
  name: 'Ada Lovelace',
  line1: '1 Analytical Way',
  line2: 'Floor 2',
  city: 'Boston',
  postalCode: '02118',
  country: 'US',
  phone: '+1 555 0100',
};

describe('checkout from the address book (addressId)', () => {
  let h: OrdersHarness;
  let seq = 0;
  const newCart = (userId: string) => {
    const id = `cart_ab_${(seq += 1)}`;
    h.cart.put({ id, userId, items: [{ sku: 'BULB', quantity: 2 }] });
    return id;
  };
  const body = (cartId: string, addressId: string) => ({
    cartId,
    addressId,
    shippingOptionId: 'standard',
    payment: { token: 'tok_visa' },
  });
  const ordersOf = async (userId: string) =>
    (await h.request('GET', '/orders', await h.as(userId))).json().items as unknown[];

  beforeAll(async () => {
    h = await startOrders();
    h.addresses.put('usr_ada', 'adr_home', HOME);
    h.addresses.put('usr_bob', 'adr_bob', { ...HOME, name: 'Bob', city: 'Chicago' });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.pricing.prices.set('BULB', 300);
    h.inventory.onHand.set('BULB', 100);
    h.addresses.down = false;
  });

  it('when a customer orders with the id of one of their addresses, then the order ships to a copy of it', async () => {
    const cartId = newCart('usr_ada');
    const response = await h.order('usr_ada', 'ab-1', body(cartId, 'adr_home'));
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ status: 'confirmed', shippingAddress: HOME });
    expect(h.addresses.lookups).toContain('usr_ada/adr_home');

    // A later edit of the book does not move the placed order.
    h.addresses.put('usr_ada', 'adr_home', { ...HOME, city: 'Cambridge' });
    const { id } = response.json<{ id: string }>();
    const detail = await h.request('GET', `/orders/${id}`, await h.as('usr_ada'));
    expect(detail.json()).toMatchObject({ shippingAddress: { city: 'Boston' } });
    h.addresses.put('usr_ada', 'adr_home', HOME);
  });

  it("when a customer names another user's address, then 422 ORDERS.ADDRESS_NOT_FOUND and no order", async () => {
    const cartId = newCart('usr_ada');
    const before = (await ordersOf('usr_ada')).length;
    const response = await h.order('usr_ada', 'ab-stolen', body(cartId, 'adr_bob'));
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'ORDERS.ADDRESS_NOT_FOUND' });
    expect(response.body).not.toContain('Chicago');
    expect(h.addresses.lookups).toContain('usr_ada/adr_bob');
    expect(await ordersOf('usr_ada')).toHaveLength(before);
    expect(h.cart.carts.has(cartId)).toBe(true);
  });

  it('when the address id is unknown, then 422 ORDERS.ADDRESS_NOT_FOUND, and the same key may then be used with a good one', async () => {
    const cartId = newCart('usr_ada');
    const unknown = await h.order('usr_ada', 'ab-retry', body(cartId, 'adr_nope'));
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ code: 'ORDERS.ADDRESS_NOT_FOUND' });
    const fixed = await h.order('usr_ada', 'ab-retry', body(cartId, 'adr_home'));
    expect(fixed.statusCode, fixed.body).toBe(201);
  });

  it('when accounts is down, then 502 COMMON.UPSTREAM_UNAVAILABLE and no order', async () => {
    const cartId = newCart('usr_bob');
    h.addresses.down = true;
    const response = await h.order('usr_bob', 'ab-down', body(cartId, 'adr_bob'));
    expect(response.statusCode).toBe(502);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'COMMON.UPSTREAM_UNAVAILABLE' });
    expect(await ordersOf('usr_bob')).toHaveLength(0);
  });
});
