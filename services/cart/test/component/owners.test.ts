import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, startCart, type CartHarness } from './harness.ts';

describe('who may see and change a cart', () => {
  let h: CartHarness;
  let ada: Record<string, string>;
  let bob: Record<string, string>;
  beforeAll(async () => {
    h = await startCart();
    h.shop.addProduct('Mug', [{ sku: 'MUG-1', price: 1200, stock: 50 }]);
    ada = await h.customer('ada');
    bob = await h.customer('bob');
  });
  afterAll(() => h.close());

  it('when a signed-in customer creates a cart twice, then it is bound to them and the second call answers the same cart', async () => {
    const first = await h.request('POST', '/carts', { headers: ada });
    expect(first.statusCode).toBe(201);
    expect(first.json().token).toBeUndefined();
    const second = await h.request('POST', '/carts', { headers: ada });
    expect(second.statusCode).toBe(200);
    expect(second.json().id).toBe(first.json().id);
    const read = await h.request('GET', `/carts/${first.json().id}`, { headers: ada });
    expect(read.json()).toMatchObject({ id: first.json().id, userId: 'usr_ada' });
  });

  it("when another customer, an anonymous caller or a foreign service asks for a customer's cart, then it is 404; an admin and the cart's service token may read it", async () => {
    const { id } = (await h.request('POST', '/carts', { headers: ada })).json();
    for (const headers of [bob, {}, h.foreignService, { 'x-cart-token': 'guess' }]) {
      expectProblem(
        await h.request('GET', `/carts/${id}`, { headers }),
        404,
        'CART.CART_NOT_FOUND',
      );
      const add = await h.request('POST', `/carts/${id}/items`, {
        headers,
        payload: { sku: 'MUG-1', quantity: 1 },
      });
      expectProblem(add, 404, 'CART.CART_NOT_FOUND');
    }
    expect((await h.request('GET', `/carts/${id}`, { headers: h.admin })).statusCode).toBe(200);
    expect((await h.request('GET', `/carts/${id}`, { headers: h.orders })).statusCode).toBe(200);
    // Reading is not owning: an admin cannot put things into a customer's cart.
    const byAdmin = await h.request('POST', `/carts/${id}/items`, {
      headers: h.admin,
      payload: { sku: 'MUG-1', quantity: 1 },
    });
    expectProblem(byAdmin, 404, 'CART.CART_NOT_FOUND');
  });

  it('when an anonymous cart is asked for without its token or with a wrong one, then it is 404 like an unknown cart', async () => {
    const { id, headers } = await h.anonymousCart();
    const other = await h.anonymousCart();
    expect((await h.request('GET', `/carts/${id}`, { headers })).statusCode).toBe(200);
    for (const wrong of [{}, other.headers, { 'x-cart-token': `${headers['x-cart-token']}x` }, ada])
      expectProblem(
        await h.request('GET', `/carts/${id}`, { headers: wrong }),
        404,
        'CART.CART_NOT_FOUND',
      );
    expectProblem(
      await h.request('GET', '/carts/crt_01JD000000000000000000000', { headers }),
      404,
      'CART.CART_NOT_FOUND',
    );
    const patch = await h.request('DELETE', `/carts/${id}`, { headers: other.headers });
    expectProblem(patch, 404, 'CART.CART_NOT_FOUND');
  });

  it('when orders deletes a checked-out cart with its service token, then the cart is gone', async () => {
    const { id, headers } = await h.anonymousCart();
    expect((await h.request('DELETE', `/carts/${id}`, { headers: h.orders })).statusCode).toBe(204);
    expect((await h.request('GET', `/carts/${id}`, { headers })).statusCode).toBe(404);
  });
});
