import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, startCart, type CartHarness } from './harness.ts';

describe('bad input to the cart: a 4xx problem with a code, and nothing written', () => {
  let h: CartHarness;
  let cart: { id: string; headers: Record<string, string> };
  let lineId: string;
  beforeAll(async () => {
    h = await startCart({ env: { CART_MAX_LINES: '2', CART_MAX_QUANTITY: '5' } });
    h.shop.addProduct('Pen', [
      { sku: 'PEN-1', price: 100, stock: 100 },
      { sku: 'PEN-2', price: 100, stock: 100 },
      { sku: 'PEN-3', price: 100, stock: 100 },
    ]);
    cart = await h.anonymousCart();
    const added = await h.request('POST', `/carts/${cart.id}/items`, {
      headers: cart.headers,
      payload: { sku: 'PEN-1', quantity: 1 },
    });
    lineId = added.json().id;
  });
  afterAll(() => h.close());

  const snapshot = async () =>
    (await h.request('GET', `/carts/${cart.id}`, { headers: cart.headers })).json();

  it('when a body is malformed, misses fields, has extra ones or a bad SKU, then it is 400 COMMON.VALIDATION_FAILED', async () => {
    const before = await snapshot();
    for (const payload of [
      {},
      { sku: 'PEN-1' },
      { sku: 'PEN-1', quantity: 1.5 },
      { sku: 'PEN-1', quantity: '2' },
      { sku: 'bad sku!', quantity: 1 },
      { sku: 'PEN-1', quantity: 1, price: 0 },
    ]) {
      const response = await h.request('POST', `/carts/${cart.id}/items`, {
        headers: cart.headers,
        payload,
      });
      expectProblem(response, 400, 'COMMON.VALIDATION_FAILED');
    }
    const patch = await h.request('PATCH', `/carts/${cart.id}/items/${lineId}`, {
      headers: cart.headers,
      payload: { quantity: -1, extra: true },
    });
    expectProblem(patch, 400, 'COMMON.VALIDATION_FAILED');
    const currency = await h.request('GET', `/carts/${cart.id}?currency=usd`, {
      headers: cart.headers,
    });
    expectProblem(currency, 400, 'COMMON.VALIDATION_FAILED');
    expect(await snapshot()).toEqual(before);
  });

  it('when a quantity is outside 1..max, or the line would pass the max, or the cart holds max lines, then it is 422 and nothing changes', async () => {
    const before = await snapshot();
    for (const quantity of [0, -2, 6]) {
      const response = await h.request('POST', `/carts/${cart.id}/items`, {
        headers: cart.headers,
        payload: { sku: 'PEN-2', quantity },
      });
      expectProblem(response, 422, 'CART.QUANTITY_OUT_OF_RANGE');
    }
    const passing = await h.request('POST', `/carts/${cart.id}/items`, {
      headers: cart.headers,
      payload: { sku: 'PEN-1', quantity: 5 },
    });
    expectProblem(passing, 422, 'CART.QUANTITY_OUT_OF_RANGE');
    const patched = await h.request('PATCH', `/carts/${cart.id}/items/${lineId}`, {
      headers: cart.headers,
      payload: { quantity: 6 },
    });
    expectProblem(patched, 422, 'CART.QUANTITY_OUT_OF_RANGE');
    expect(await snapshot()).toEqual(before);

    expect(
      (
        await h.request('POST', `/carts/${cart.id}/items`, {
          headers: cart.headers,
          payload: { sku: 'PEN-2', quantity: 1 },
        })
      ).statusCode,
    ).toBe(201);
    const third = await h.request('POST', `/carts/${cart.id}/items`, {
      headers: cart.headers,
      payload: { sku: 'PEN-3', quantity: 1 },
    });
    expectProblem(third, 422, 'CART.TOO_MANY_LINES');
    expect((await snapshot()).items).toHaveLength(2);
  });

  it('when a line is unknown or If-Match is stale, then it is 404 and 412', async () => {
    const missing = await h.request('PATCH', `/carts/${cart.id}/items/itm_nope`, {
      headers: cart.headers,
      payload: { quantity: 1 },
    });
    expectProblem(missing, 404, 'CART.ITEM_NOT_FOUND');
    const before = await snapshot();
    const stale = await h.request('PATCH', `/carts/${cart.id}/items/${lineId}`, {
      headers: { ...cart.headers, 'if-match': '"1"' },
      payload: { quantity: 2 },
    });
    expectProblem(stale, 412, 'COMMON.VERSION_MISMATCH');
    expect(await snapshot()).toEqual(before);
    const current = await h.request('PATCH', `/carts/${cart.id}/items/${lineId}`, {
      headers: { ...cart.headers, 'if-match': `"${before.version}"` },
      payload: { quantity: 2 },
    });
    expect(current.statusCode).toBe(200);
  });
});
