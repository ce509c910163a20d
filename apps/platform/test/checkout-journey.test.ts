import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPlatform, type EmbeddedPlatform } from './embedded-platform.ts';

interface Money {
  amount: number;
  currency: string;
}

describe('a checkout through the embedded gateway (npm start)', () => {
  let embedded: EmbeddedPlatform;
  let api: string;
  let admin: Record<string, string>;
  let shopper: Record<string, string>;
  const json = { 'content-type': 'application/json' };
  const send = (method: string, path: string, body: unknown, headers: Record<string, string>) =>
    fetch(`${api}${path}`, {
      method,
      headers: body === undefined ? headers : { ...json, ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const stockOf = async (sku: string) =>
    (await (await fetch(`${api}/inventory/${sku}`)).json()) as {
      onHand: number;
      reserved: number;
      available: number;
    };
  const usesOf = async (code: string) =>
    (
      (await (await send('GET', `/promotions/${code}`, undefined, admin)).json()) as {
        used: number;
      }
    ).used;
  const fillCart = async (items: { sku: string; quantity: number }[], promotion?: string) => {
    const created = await send('POST', '/carts', undefined, shopper);
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    for (const item of items)
      expect((await send('POST', `/carts/${id}/items`, item, shopper)).status).toBe(201);
    if (promotion)
      expect(
        (await send('POST', `/carts/${id}/promotion`, { code: promotion }, shopper)).status,
      ).toBe(200);
    return id;
  };
  const address = {
    name: 'Journey Shopper',
    line1: '5 Checkout Street',
    city: 'Portland',
    postalCode: '97201',
    country: 'US',
  };

  beforeAll(async () => {
    embedded = await startEmbeddedPlatform('checkout-journey', { SEED_PRODUCTS: '0' });
    ({ api, admin } = embedded);
    const product = await send(
      'POST',
      '/products',
      {
        name: 'Checkout Kettle',
        brand: 'Boil',
        categoryIds: [],
        variants: [{ sku: 'CHK-KETTLE', options: {} }],
      },
      admin,
    );
    expect(product.status).toBe(201);
    expect(
      (await send('PUT', '/prices/CHK-KETTLE', { amount: 2500, currency: 'USD' }, admin)).status,
    ).toBe(200);
    expect((await send('PUT', '/inventory/CHK-KETTLE', { onHand: 10 }, admin)).status).toBe(200);
    const promotion = await send(
      'POST',
      '/promotions',
      { code: 'KETTLE10', kind: 'percent', value: 10 },
      admin,
    );
    expect(promotion.status).toBe(201);
    const registered = await send(
      'POST',
      '/auth/register',
      {
        email: 'journey.shopper@example.com',
        password: 'a long journey password',
        name: 'Journey Shopper',
      },
      {},
    );
    expect(registered.status).toBe(201);
    const login = await send(
      'POST',
      '/auth/login',
      { email: 'journey.shopper@example.com', password: 'a long journey password' },
      {},
    );
    expect(login.status).toBe(200);
    shopper = {
      authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}`,
    };
  });
  afterAll(() => embedded.close());

  it('when a signed-in shopper pays with tok_visa, then the order is confirmed with shipping and tax, stock leaves, the cart is gone and the order is in the history', async () => {
    const options = await fetch(`${api}/shipping-options?country=US`);
    expect(options.status).toBe(200);
    const { items: choices } = (await options.json()) as { items: { id: string }[] };
    expect(choices.map((choice) => choice.id)).toContain('standard');
    const cartId = await fillCart([{ sku: 'CHK-KETTLE', quantity: 2 }], 'KETTLE10');
    const before = await stockOf('CHK-KETTLE');

    const placed = await send(
      'POST',
      '/orders',
      {
        cartId,
        shippingAddress: address,
        shippingOptionId: 'standard',
        payment: { token: 'tok_visa' },
      },
      { ...shopper, 'idempotency-key': 'journey-visa' },
    );
    expect(placed.status).toBe(201);
    const order = (await placed.json()) as {
      id: string;
      status: string;
      subtotal: Money;
      discount: Money;
      shipping: Money;
      shippingTax: Money;
      tax: Money;
      total: Money;
    };
    // 5000 - 500 = 4500 below 5000: standard costs 599; US tax 7.25 % of 4500 = 326.25 → 326,
    // and the US table does not tax shipping.
    expect(order).toMatchObject({
      status: 'confirmed',
      subtotal: { amount: 5000, currency: 'USD' },
      discount: { amount: 500 },
      shipping: { amount: 599 },
      shippingTax: { amount: 0 },
      tax: { amount: 326 },
      total: { amount: 4500 + 599 + 326 },
    });
    const after = await stockOf('CHK-KETTLE');
    expect(after.onHand).toBe(before.onHand - 2);
    expect(after.reserved).toBe(0);
    expect(await usesOf('KETTLE10')).toBe(1);
    expect((await send('GET', `/carts/${cartId}`, undefined, shopper)).status).toBe(404);

    const history = (await (await send('GET', '/orders', undefined, shopper)).json()) as {
      items: { id: string; shipping: Money; tax: Money }[];
    };
    expect(history.items[0]).toMatchObject({
      id: order.id,
      shipping: { amount: 599 },
      tax: { amount: 326 },
    });
    const replay = await send(
      'POST',
      '/orders',
      {
        cartId,
        shippingAddress: address,
        shippingOptionId: 'standard',
        payment: { token: 'tok_visa' },
      },
      { ...shopper, 'idempotency-key': 'journey-visa' },
    );
    expect(replay.status).toBe(201);
    expect(await replay.json()).toEqual(order);
  });

  it("when a shopper checks out with the id of an address-book entry, then orders reads it from accounts; another user's id is 422 and orders nothing", async () => {
    const saved = await send(
      'POST',
      '/accounts/me/addresses',
      { ...address, line2: 'Unit 7' },
      shopper,
    );
    expect(saved.status).toBe(201);
    const { id: addressId } = (await saved.json()) as { id: string };
    const cartId = await fillCart([{ sku: 'CHK-KETTLE', quantity: 1 }]);
    const before = await stockOf('CHK-KETTLE');
    const order = (body: Record<string, unknown>, key: string) =>
      send(
        'POST',
        '/orders',
        { cartId, shippingOptionId: 'standard', payment: { token: 'tok_visa' }, ...body },
        { ...shopper, 'idempotency-key': key },
      );

    // Another user's address: orders asks accounts for it as this shopper's, and it is not.
    await send(
      'POST',
      '/auth/register',
      { email: 'other.shopper@example.com', password: 'another long password', name: 'Other' },
      {},
    );
    const otherLogin = await send(
      'POST',
      '/auth/login',
      { email: 'other.shopper@example.com', password: 'another long password' },
      {},
    );
    const other = {
      authorization: `Bearer ${((await otherLogin.json()) as { accessToken: string }).accessToken}`,
    };
    const theirs = await send(
      'POST',
      '/accounts/me/addresses',
      { ...address, name: 'Other Person', city: 'Salem' },
      other,
    );
    const { id: otherAddressId } = (await theirs.json()) as { id: string };
    const refused = await order({ addressId: otherAddressId }, 'journey-address-theirs');
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(await refused.json()).toMatchObject({ code: 'ORDERS.ADDRESS_NOT_FOUND' });
    expect(await stockOf('CHK-KETTLE')).toMatchObject({ onHand: before.onHand, reserved: 0 });

    const placed = await order({ addressId }, 'journey-address-book');
    expect(placed.status).toBe(201);
    expect(await placed.json()).toMatchObject({
      status: 'confirmed',
      shippingAddress: { ...address, line2: 'Unit 7' },
    });
    expect((await stockOf('CHK-KETTLE')).onHand).toBe(before.onHand - 1);

    // The internal address route itself is closed to customers and anonymous callers.
    const me = (await (await send('GET', '/accounts/me', undefined, other)).json()) as {
      id: string;
    };
    const internalUrl = `/accounts/users/${me.id}/addresses/${otherAddressId}`;
    expect((await send('GET', internalUrl, undefined, other)).status).toBe(403);
    expect((await send('GET', internalUrl, undefined, {})).status).toBe(401);
    expect((await send('GET', internalUrl, undefined, admin)).status).toBe(200);
  });

  it('when the order goes to Germany, then VAT applies to the goods and to the shipping, and the order shows both', async () => {
    const cartId = await fillCart([{ sku: 'CHK-KETTLE', quantity: 1 }]);
    const placed = await send(
      'POST',
      '/orders',
      {
        cartId,
        shippingAddress: { ...address, city: 'Berlin', postalCode: '10115', country: 'DE' },
        shippingOptionId: 'eu-standard',
        payment: { token: 'tok_visa' },
      },
      { ...shopper, 'idempotency-key': 'journey-germany' },
    );
    expect(placed.status).toBe(201);
    // 19 %: the kettle's 2500 → 475; eu-standard's 549 (USD, under its 6500) → 104.31 → 104.
    expect(await placed.json()).toMatchObject({
      status: 'confirmed',
      lines: [{ sku: 'CHK-KETTLE', tax: { amount: 475 } }],
      shipping: { amount: 549 },
      shippingTax: { amount: 104 },
      tax: { amount: 475 + 104 },
      total: { amount: 2500 + 549 + 475 + 104, currency: 'USD' },
    });
  });

  it('when the card is declined, then the order is rejected, the stock and the promotion are released and the cart is kept', async () => {
    const cartId = await fillCart([{ sku: 'CHK-KETTLE', quantity: 1 }], 'KETTLE10');
    const before = await stockOf('CHK-KETTLE');
    const uses = await usesOf('KETTLE10');
    const placed = await send(
      'POST',
      '/orders',
      {
        cartId,
        shippingAddress: address,
        shippingOptionId: 'express',
        payment: { token: 'tok_declined' },
      },
      { ...shopper, 'idempotency-key': 'journey-declined' },
    );
    expect(placed.status).toBe(201);
    expect(await placed.json()).toMatchObject({
      status: 'rejected',
      rejectionReason: 'payment_declined',
    });
    expect(await stockOf('CHK-KETTLE')).toMatchObject({ onHand: before.onHand, reserved: 0 });
    expect(await usesOf('KETTLE10')).toBe(uses);
    expect((await send('GET', `/carts/${cartId}`, undefined, shopper)).status).toBe(200);
  });

  it('when anonymous callers or customers reach the orders admin routes, then the gateway refuses them', async () => {
    expect((await send('GET', '/orders', undefined, {})).status).toBe(401);
    expect((await send('POST', '/orders/ord_x/ship', undefined, shopper)).status).toBe(403);
    expect((await send('POST', '/returns/ret_x/receive', undefined, shopper)).status).toBe(403);
  });
});
