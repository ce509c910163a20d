import { eventually } from '@emporium/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPlatform, type EmbeddedPlatform } from './embedded-platform.ts';

interface CartLine {
  id: string;
  sku: string;
  quantity: number;
  name: string;
  productId: string;
  unitPrice: { amount: number } | null;
  available: number | null;
  stale: boolean;
}
interface Cart {
  id: string;
  userId?: string;
  items: CartLine[];
  subtotal: { amount: number };
  discount: { amount: number };
  total: { amount: number };
  promotionCode?: string;
  degraded: boolean;
}

describe('a shopper’s cart through the embedded gateway (npm start)', () => {
  let embedded: EmbeddedPlatform;
  let api: string;
  let admin: Record<string, string>;
  let productId: string;
  const json = { 'content-type': 'application/json' };
  const send = (method: string, path: string, body: unknown, headers: Record<string, string>) =>
    fetch(`${api}${path}`, {
      method,
      headers: body === undefined ? headers : { ...json, ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const cartOf = async (id: string, headers: Record<string, string>): Promise<Cart> => {
    const response = await fetch(`${api}/carts/${id}`, { headers });
    expect(response.status).toBe(200);
    return (await response.json()) as Cart;
  };

  beforeAll(async () => {
    embedded = await startEmbeddedPlatform('cart-journey', { SEED_PRODUCTS: '0' });
    ({ api, admin } = embedded);
    const product = await send(
      'POST',
      '/products',
      {
        name: 'Journey Runner',
        brand: 'Stride',
        categoryIds: [],
        variants: [
          { sku: 'JRN-RUN-42', options: { size: '42' } },
          { sku: 'JRN-RUN-43', options: { size: '43' } },
        ],
      },
      admin,
    );
    expect(product.status).toBe(201);
    productId = ((await product.json()) as { id: string }).id;
    for (const sku of ['JRN-RUN-42', 'JRN-RUN-43']) {
      expect(
        (await send('PUT', `/prices/${sku}`, { amount: 8000, currency: 'USD' }, admin)).status,
      ).toBe(200);
      expect((await send('PUT', `/inventory/${sku}`, { onHand: 5 }, admin)).status).toBe(200);
    }
    const promotion = await send(
      'POST',
      '/promotions',
      { code: 'RUN10', kind: 'percent', value: 10 },
      admin,
    );
    expect(promotion.status).toBe(201);
  });
  afterAll(() => embedded.close());

  let anonymous: { id: string; token: string };

  it('when an anonymous shopper adds two variants through the gateway with the cart token, then the cart shows details, prices and stock from the other services', async () => {
    const created = await send('POST', '/carts', undefined, {});
    expect(created.status).toBe(201);
    anonymous = (await created.json()) as { id: string; token: string };
    const token = { 'x-cart-token': anonymous.token };
    expect(
      (
        await send(
          'POST',
          `/carts/${anonymous.id}/items`,
          { sku: 'JRN-RUN-42', quantity: 2 },
          token,
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await send(
          'POST',
          `/carts/${anonymous.id}/items`,
          { sku: 'JRN-RUN-43', quantity: 1 },
          token,
        )
      ).status,
    ).toBe(201);
    const unknown = await send(
      'POST',
      `/carts/${anonymous.id}/items`,
      { sku: 'JRN-NOPE', quantity: 1 },
      token,
    );
    expect(unknown.status).toBe(422);
    const tooMany = await send(
      'POST',
      `/carts/${anonymous.id}/items`,
      { sku: 'JRN-RUN-43', quantity: 9 },
      token,
    );
    expect(tooMany.status).toBe(409);
    expect(await tooMany.json()).toMatchObject({ code: 'CART.INSUFFICIENT_STOCK', available: 5 });

    const cart = await cartOf(anonymous.id, token);
    expect(cart.items).toMatchObject([
      {
        sku: 'JRN-RUN-42',
        quantity: 2,
        name: 'Journey Runner',
        productId,
        unitPrice: { amount: 8000 },
        available: 5,
        stale: false,
      },
      { sku: 'JRN-RUN-43', quantity: 1, unitPrice: { amount: 8000 } },
    ]);
    expect(cart.total.amount).toBe(24000);
    expect(cart.degraded).toBe(false);
    expect((await fetch(`${api}/carts/${anonymous.id}`)).status).toBe(404);
    expect(
      (await fetch(`${api}/carts/${anonymous.id}`, { headers: { 'x-cart-token': 'wrong' } }))
        .status,
    ).toBe(404);
  });

  it('when an admin changes a price, then the cart shows it through the pricing event, and a promotion applies', async () => {
    const token = { 'x-cart-token': anonymous.token };
    expect(
      (await send('PUT', '/prices/JRN-RUN-42', { amount: 7000, currency: 'USD' }, admin)).status,
    ).toBe(200);
    const repriced = await eventually(async () => {
      const cart = await cartOf(anonymous.id, token);
      return cart.items[0]!.unitPrice?.amount === 7000 ? cart : undefined;
    });
    expect(repriced.total.amount).toBe(22000);
    const applied = await send(
      'POST',
      `/carts/${anonymous.id}/promotion`,
      { code: 'RUN10' },
      token,
    );
    expect(applied.status).toBe(200);
    expect(await applied.json()).toMatchObject({
      promotionCode: 'RUN10',
      discount: { amount: 2200 },
      total: { amount: 19800 },
    });
  });

  it('when the shopper signs in, then their anonymous cart merges into their own', async () => {
    const email = 'cart-journey@example.com';
    const password = 'Quiet-Harbor-Lantern-77';
    expect(
      (await send('POST', '/auth/register', { email, password, name: 'Shopper' }, {})).status,
    ).toBe(201);
    const login = await send('POST', '/auth/login', { email, password }, {});
    const { accessToken } = (await login.json()) as { accessToken: string };
    const customer = { authorization: `Bearer ${accessToken}` };
    const mine = await send('POST', '/carts', undefined, customer);
    expect(mine.status).toBe(201);
    const { id } = (await mine.json()) as { id: string };
    expect(
      (await send('POST', `/carts/${id}/items`, { sku: 'JRN-RUN-42', quantity: 1 }, customer))
        .status,
    ).toBe(201);
    const merged = await send(
      'POST',
      `/carts/${id}/merge`,
      { sourceCartId: anonymous.id },
      { ...customer, 'x-cart-token': anonymous.token },
    );
    expect(merged.status).toBe(200);
    const cart = (await merged.json()) as Cart;
    expect(cart.userId).toBeDefined();
    expect(cart.items.map((line) => [line.sku, line.quantity])).toEqual([
      ['JRN-RUN-42', 3],
      ['JRN-RUN-43', 1],
    ]);
    expect(cart.promotionCode).toBe('RUN10');
    expect(
      (
        await fetch(`${api}/carts/${anonymous.id}`, {
          headers: { 'x-cart-token': anonymous.token },
        })
      ).status,
    ).toBe(404);
    expect((await fetch(`${api}/carts/${id}`)).status).toBe(404);
  });
});
