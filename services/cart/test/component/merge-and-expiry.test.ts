import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@emporium/kit/testing';
import { expectProblem, startCart, type CartHarness } from './harness.ts';

const HOUR = 3_600_000;

describe('merging an anonymous cart after sign-in, and expiry of untouched carts', () => {
  let h: CartHarness;
  const clock = new ManualClock();
  let ada: Record<string, string>;
  beforeAll(async () => {
    h = await startCart({
      clock,
      env: {
        CART_ANONYMOUS_TTL_SECONDS: String(2 * 3600),
        CART_USER_TTL_SECONDS: String(48 * 3600),
      },
    });
    h.shop.addProduct('Lamp', [
      { sku: 'LAMP-1', price: 3000, stock: 4 },
      { sku: 'BULB-1', price: 500, stock: 100 },
      { sku: 'GONE-1', price: 100, stock: 0 },
    ]);
    ada = await h.customer('ada');
  });
  afterAll(() => h.close());

  const add = (id: string, headers: Record<string, string>, sku: string, quantity: number) =>
    h.request('POST', `/carts/${id}/items`, { headers, payload: { sku, quantity } });

  it('when an anonymous cart is merged into the signed-in one, then quantities are summed and capped by availability, and the source is gone', async () => {
    const mine = (await h.request('POST', '/carts', { headers: ada })).json().id;
    expect((await add(mine, ada, 'LAMP-1', 3)).statusCode).toBe(201);
    const anon = await h.anonymousCart();
    await add(anon.id, anon.headers, 'LAMP-1', 2);
    await add(anon.id, anon.headers, 'BULB-1', 6);
    h.shop.stock.set('GONE-1', 1);
    await add(anon.id, anon.headers, 'GONE-1', 1);
    h.shop.stock.set('GONE-1', 0);
    // The cart's stock cache is fresh for 30 s: let it age so the merge asks inventory.
    clock.advance(60_000);

    const merged = await h.request('POST', `/carts/${mine}/merge`, {
      headers: { ...ada, ...anon.headers },
      payload: { sourceCartId: anon.id },
    });
    expect(merged.statusCode).toBe(200);
    const cart = merged.json();
    expect(cart.items.map((i: { sku: string; quantity: number }) => [i.sku, i.quantity])).toEqual([
      ['LAMP-1', 4],
      ['BULB-1', 6],
    ]);
    expect(
      (await h.request('GET', `/carts/${anon.id}`, { headers: anon.headers })).statusCode,
    ).toBe(404);
  });

  it('when the source token is missing or wrong, or the target is not the caller’s, then nothing is merged', async () => {
    const mine = (await h.request('POST', '/carts', { headers: ada })).json().id;
    const before = (await h.request('GET', `/carts/${mine}`, { headers: ada })).json();
    const anon = await h.anonymousCart();
    await add(anon.id, anon.headers, 'BULB-1', 1);
    const noToken = await h.request('POST', `/carts/${mine}/merge`, {
      headers: ada,
      payload: { sourceCartId: anon.id },
    });
    expectProblem(noToken, 404, 'CART.SOURCE_NOT_FOUND');
    const bob = await h.customer('bob');
    const notMine = await h.request('POST', `/carts/${mine}/merge`, {
      headers: { ...bob, ...anon.headers },
      payload: { sourceCartId: anon.id },
    });
    expectProblem(notMine, 404, 'CART.CART_NOT_FOUND');
    const self = await h.request('POST', `/carts/${anon.id}/merge`, {
      headers: anon.headers,
      payload: { sourceCartId: anon.id },
    });
    expectProblem(self, 422, 'CART.MERGE_INTO_SELF');
    const anonTarget = await h.anonymousCart();
    const intoAnonymous = await h.request('POST', `/carts/${anonTarget.id}/merge`, {
      headers: anon.headers,
      payload: { sourceCartId: anon.id },
    });
    expectProblem(intoAnonymous, 404, 'CART.CART_NOT_FOUND');
    expect((await h.request('GET', `/carts/${mine}`, { headers: ada })).json()).toEqual(before);
    expect(
      (await h.request('GET', `/carts/${anon.id}`, { headers: anon.headers })).json().items,
    ).toHaveLength(1);
  });

  it('when an anonymous cart is untouched past its TTL, then it is 404, while a signed-in cart lives its own longer TTL', async () => {
    const anon = await h.anonymousCart();
    await add(anon.id, anon.headers, 'BULB-1', 1);
    const eve = await h.customer('eve');
    const hers = (await h.request('POST', '/carts', { headers: eve })).json().id;
    await add(hers, eve, 'BULB-1', 1);

    clock.advance(HOUR);
    // A change moves the expiry; a read does not.
    await add(anon.id, anon.headers, 'BULB-1', 1);
    clock.advance(HOUR + 60_000);
    expect(
      (await h.request('GET', `/carts/${anon.id}`, { headers: anon.headers })).statusCode,
    ).toBe(200);
    clock.advance(HOUR);
    expectProblem(
      await h.request('GET', `/carts/${anon.id}`, { headers: anon.headers }),
      404,
      'CART.CART_NOT_FOUND',
    );
    expect((await h.request('GET', `/carts/${hers}`, { headers: eve })).statusCode).toBe(200);

    clock.advance(48 * HOUR);
    expect((await h.request('GET', `/carts/${hers}`, { headers: eve })).statusCode).toBe(404);
    // Her next cart is a new one; the sweep removes what expired.
    const next = await h.request('POST', '/carts', { headers: eve });
    expect(next.statusCode).toBe(201);
    expect(next.json().id).not.toBe(hers);
    expect(await h.service.stores.sweeper.sweep()).toBeGreaterThanOrEqual(1);
    expect(await h.service.stores.store.get(anon.id)).toBeUndefined();
  });
});
