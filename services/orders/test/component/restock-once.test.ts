import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDRESS, startOrders, type OrdersHarness } from '../support/harness.ts';
import { ManualClock } from '@emporium/kit/testing';

/**
 * A restock whose answer is lost (inventory applied it, orders did not store the step) is
 * sent again with the same key when the cancellation resumes or the receive is repeated:
 * inventory (here its fake, which honours keys as the real one does) changes stock once.
 */
describe('a resumed cancellation or a repeated receive restocks once', () => {
  let h: OrdersHarness;
  const clock = new ManualClock();
  let seq = 0;
  const place = async (userId: string, quantity: number) => {
    const cartId = `cart_once_${(seq += 1)}`;
    h.cart.put({ id: cartId, userId, items: [{ sku: 'CUP', quantity }] });
    const response = await h.order(userId, `once-${seq}`, {
      cartId,
      shippingAddress: ADDRESS,
      shippingOptionId: 'standard',
      payment: { token: 'tok_visa' },
    });
    expect(response.json()).toMatchObject({ status: 'confirmed' });
    return response.json<{ id: string }>().id;
  };

  beforeAll(async () => {
    h = await startOrders({ clock, env: { ORDERS_SAGA_LEASE_MS: '10000' } });
    h.pricing.prices.set('CUP', 800);
    h.inventory.onHand.set('CUP', 50);
  });
  afterAll(() => h.close());

  it('when the answer of a cancellation’s restock is lost, then the resumed saga sends the same key and stock comes back once', async () => {
    const id = await place('usr_una', 3);
    const before = h.inventory.onHand.get('CUP')!;
    h.inventory.loseRestockAnswers = 1;
    const cancelled = await h.request('POST', `/orders/${id}/cancel`, await h.as('usr_una'));
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect((await h.service.stores.store.get(id))!.saga.step).toBe('cancelling');
    expect(h.inventory.onHand.get('CUP')).toBe(before + 3);

    clock.advance(10_001);
    expect(await h.service.stores.resumer.pass()).toBe(1);
    const { saga } = (await h.service.stores.store.get(id))!;
    expect(saga.step).toBe('cancelled');
    expect(h.inventory.onHand.get('CUP')).toBe(before + 3);
    const mine = h.inventory.adjustments.filter((a) => a.reason === `order ${id} cancelled`);
    expect(mine).toHaveLength(1);
    expect([...h.inventory.restockKeys.keys()]).toContain(`CUP|${id}:cancel:0`);
  });

  it('when the answer of a return’s restock is lost, then receiving again sends the same key and stock comes back once', async () => {
    const id = await place('usr_vic', 2);
    expect((await h.request('POST', `/orders/${id}/ship`, h.admin)).statusCode).toBe(200);
    expect((await h.request('POST', `/orders/${id}/deliver`, h.admin)).statusCode).toBe(200);
    const requested = await h.request('POST', `/orders/${id}/returns`, await h.as('usr_vic'), {
      lines: [{ sku: 'CUP', quantity: 2 }],
      reason: 'chipped',
    });
    expect(requested.statusCode, requested.body).toBe(201);
    const returnId = requested.json<{ id: string }>().id;
    const before = h.inventory.onHand.get('CUP')!;

    h.inventory.loseRestockAnswers = 1;
    const failed = await h.request('POST', `/returns/${returnId}/receive`, h.admin);
    expect(failed.statusCode).toBe(502);
    expect(h.inventory.onHand.get('CUP')).toBe(before + 2);

    const received = await h.request('POST', `/returns/${returnId}/receive`, h.admin);
    expect(received.statusCode, received.body).toBe(200);
    expect(received.json()).toMatchObject({ status: 'refunded' });
    expect(h.inventory.onHand.get('CUP')).toBe(before + 2);
    expect(h.inventory.adjustments.filter((a) => a.reason === `return ${returnId}`)).toHaveLength(
      1,
    );
  });
});
