import { CartClient, CartSchema, CreatedCartSchema } from '@emporium/contracts';
import { ServiceClient } from '@emporium/kit';
import { silentLogger } from '@emporium/kit/testing';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCart, type CartHarness } from './harness.ts';

const expectSchema = (schema: TSchema, value: unknown) =>
  expect([...Compile(schema).Errors(value)]).toEqual([]);

describe('the cart’s typed client against the real cart', () => {
  let h: CartHarness;
  let client: CartClient;
  beforeAll(async () => {
    h = await startCart();
    h.shop.addProduct('Chair', [{ sku: 'CHR-1', price: 9900, stock: 3 }]);
    const url = await h.service.listen();
    client = new CartClient(
      new ServiceClient({ name: 'cart', baseUrl: url, logger: silentLogger, retries: 0 }),
    );
  });
  afterAll(async () => {
    await client.close();
    await h.close();
  });

  it('when a cart is created, filled and read through the client, then every answer matches the published schemas', async () => {
    const created = await client.create();
    expectSchema(CreatedCartSchema, created);
    const cartToken = created.token!;
    await client.addItem(created.id, { sku: 'CHR-1', quantity: 2 }, { cartToken });
    const cart = await client.get(created.id, { cartToken });
    expectSchema(CartSchema, cart);
    expect(cart).toMatchObject({
      total: { amount: 19800 },
      items: [{ sku: 'CHR-1', quantity: 2 }],
    });
    expect(await client.get(created.id)).toBeUndefined();
  });

  it('when a refused add comes back, then it is an AppError with the cart’s code and the available quantity', async () => {
    const { id, token } = await client.create();
    await expect(
      client.addItem(id, { sku: 'CHR-1', quantity: 4 }, { cartToken: token! }),
    ).rejects.toMatchObject({
      code: 'CART.INSUFFICIENT_STOCK',
      kind: 'conflict',
      details: expect.objectContaining({ available: 3 }),
    });
  });

  it('when orders deletes a cart with the cart service token, then it is gone, and deleting again is no error', async () => {
    const { id, token } = await client.create();
    const authorization = h.orders['authorization']!;
    expect(await client.get(id, { authorization })).toMatchObject({ id, items: [] });
    await client.delete(id, { authorization });
    await client.delete(id, { authorization });
    expect(await client.get(id, { cartToken: token! })).toBeUndefined();
  });
});
