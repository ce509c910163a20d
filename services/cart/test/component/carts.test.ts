import { CartSchema } from '@emporium/contracts';
import { Compile } from 'typebox/compile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, startCart, type CartHarness } from './harness.ts';

const cartSchema = Compile(CartSchema);

describe('carts through HTTP', () => {
  let h: CartHarness;
  beforeAll(async () => {
    h = await startCart();
    h.shop.addProduct('Trail Shoe', [
      { sku: 'SHOE-42', price: 5000, stock: 10, options: { size: '42' } },
      { sku: 'SHOE-43', price: 5000, stock: 2, options: { size: '43' } },
    ]);
    h.shop.addProduct('Wool Sock', [{ sku: 'SOCK-1', price: 900, stock: 100 }]);
    h.shop.addProduct('Unpriced Hat', [{ sku: 'HAT-1', stock: 5 }]);
    h.shop.promotions.set('SAVE10', 10);
  });
  afterAll(() => h.close());

  it('when a cart is created with fields the route does not take, then 400 names them and no cart is made', async () => {
    const response = await h.request('POST', '/carts', {
      headers: { 'content-type': 'application/json' },
      payload: { currency: 'XYZ' },
    });
    expectProblem(response, 400, 'COMMON.VALIDATION_FAILED');
    expect(response.json().errors).toEqual([{ field: 'body.currency', message: 'is not allowed' }]);
    expect(response.headers['location']).toBeUndefined();
  });

  it('when an anonymous shopper creates a cart, then it gets an unguessable id and a token, and the empty cart reads back', async () => {
    const first = await h.request('POST', '/carts');
    const second = await h.request('POST', '/carts');
    expect(first.statusCode).toBe(201);
    const a = first.json();
    const b = second.json();
    expect(a.id).toMatch(/^crt_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.id.slice(14)).not.toBe(b.id.slice(14));
    const read = await h.request('GET', `/carts/${a.id}`, { headers: { 'x-cart-token': a.token } });
    expect(read.statusCode).toBe(200);
    const cart = read.json();
    expect([...cartSchema.Errors(cart)]).toEqual([]);
    expect(cart).toMatchObject({
      id: a.id,
      items: [],
      subtotal: { amount: 0, currency: 'USD' },
      total: { amount: 0, currency: 'USD' },
      degraded: false,
    });
    expect(read.headers['etag']).toBe('"1"');
  });

  it('when items are added, changed and removed, then the read shows current details, prices, totals and stock', async () => {
    const { id, headers } = await h.anonymousCart();
    const added = await h.request('POST', `/carts/${id}/items`, {
      headers,
      payload: { sku: 'SHOE-42', quantity: 1 },
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ sku: 'SHOE-42', quantity: 1, name: 'Trail Shoe' });
    const again = await h.request('POST', `/carts/${id}/items`, {
      headers,
      payload: { sku: 'SHOE-42', quantity: 2 },
    });
    expect(again.json()).toMatchObject({ id: added.json().id, quantity: 3 });
    const sock = await h.request('POST', `/carts/${id}/items`, {
      headers,
      payload: { sku: 'SOCK-1', quantity: 4 },
    });
    expect(sock.statusCode).toBe(201);

    const cart = (await h.request('GET', `/carts/${id}`, { headers })).json();
    expect([...cartSchema.Errors(cart)]).toEqual([]);
    expect(cart.items).toMatchObject([
      {
        sku: 'SHOE-42',
        quantity: 3,
        name: 'Trail Shoe',
        options: { size: '42' },
        unitPrice: { amount: 5000, currency: 'USD' },
        lineTotal: { amount: 15000, currency: 'USD' },
        available: 10,
        stale: false,
        purchasable: true,
      },
      { sku: 'SOCK-1', quantity: 4, lineTotal: { amount: 3600 } },
    ]);
    expect(cart.subtotal.amount).toBe(18600);
    expect(cart.total.amount).toBe(18600);
    expect(cart.degraded).toBe(false);

    const shoeLine = cart.items[0].id;
    const patched = await h.request('PATCH', `/carts/${id}/items/${shoeLine}`, {
      headers,
      payload: { quantity: 1 },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().quantity).toBe(1);
    const removed = await h.request('PATCH', `/carts/${id}/items/${cart.items[1].id}`, {
      headers,
      payload: { quantity: 0 },
    });
    expect(removed.statusCode).toBe(204);
    const after = (await h.request('GET', `/carts/${id}`, { headers })).json();
    expect(after.items.map((item: { sku: string }) => item.sku)).toEqual(['SHOE-42']);
    expect(after.total.amount).toBe(5000);

    expect(
      (await h.request('DELETE', `/carts/${id}/items/${shoeLine}`, { headers })).statusCode,
    ).toBe(204);
    expect((await h.request('GET', `/carts/${id}`, { headers })).json().items).toEqual([]);
  });

  it('when a SKU is unknown or more than available is asked for, then the answers are 422 and 409 with the available quantity, and nothing is written', async () => {
    const { id, headers } = await h.anonymousCart();
    const unknown = await h.request('POST', `/carts/${id}/items`, {
      headers,
      payload: { sku: 'NOPE-1', quantity: 1 },
    });
    expectProblem(unknown, 422, 'CART.UNKNOWN_SKU');
    const tooMany = await h.request('POST', `/carts/${id}/items`, {
      headers,
      payload: { sku: 'SHOE-43', quantity: 3 },
    });
    const body = expectProblem(tooMany, 409, 'CART.INSUFFICIENT_STOCK');
    expect(body).toMatchObject({ sku: 'SHOE-43', available: 2, requested: 3 });
    const cart = await h.request('GET', `/carts/${id}`, { headers });
    expect(cart.json()).toMatchObject({ items: [], version: 1 });
  });

  it('when a promotion is applied, then the totals carry its discount; an unknown code is 422 with the reason; removing it drops the discount', async () => {
    const { id, headers } = await h.anonymousCart();
    await h.request('POST', `/carts/${id}/items`, {
      headers,
      payload: { sku: 'SOCK-1', quantity: 10 },
    });
    const refused = await h.request('POST', `/carts/${id}/promotion`, {
      headers,
      payload: { code: 'NOPE' },
    });
    expect(expectProblem(refused, 422, 'CART.PROMOTION_NOT_APPLICABLE')).toMatchObject({
      reason: 'unknown_code',
    });
    const applied = await h.request('POST', `/carts/${id}/promotion`, {
      headers,
      payload: { code: 'save10' },
    });
    expect(applied.statusCode).toBe(200);
    expect(applied.json()).toMatchObject({
      promotionCode: 'SAVE10',
      subtotal: { amount: 9000 },
      discount: { amount: 900 },
      total: { amount: 8100 },
    });
    expect((await h.request('DELETE', `/carts/${id}/promotion`, { headers })).statusCode).toBe(204);
    const after = (await h.request('GET', `/carts/${id}`, { headers })).json();
    expect(after.promotionCode).toBeUndefined();
    expect(after.discount.amount).toBe(0);
  });

  it('when a line has no price, then the read shows it unpurchasable without a price and totals the rest', async () => {
    const { id, headers } = await h.anonymousCart();
    await h.request('POST', `/carts/${id}/items`, {
      headers,
      payload: { sku: 'HAT-1', quantity: 1 },
    });
    await h.request('POST', `/carts/${id}/items`, {
      headers,
      payload: { sku: 'SOCK-1', quantity: 1 },
    });
    const cart = (await h.request('GET', `/carts/${id}`, { headers })).json();
    expect(cart.items).toMatchObject([
      { sku: 'HAT-1', unitPrice: null, lineTotal: null, purchasable: false, stale: false },
      { sku: 'SOCK-1', unitPrice: { amount: 900 }, purchasable: true },
    ]);
    expect(cart.total.amount).toBe(900);
  });
});
