import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestAuth, ManualClock } from '@emporium/kit/testing';
import { afterAll, describe, expect, it } from 'vitest';
import type { OrderStore } from '../../src/app/ports/order-store.ts';
import { startOrders, stockedFakes, visaCheckout } from '../support/harness.ts';

/** Counts the store's writes and the saga step each save stored (ADR 0037). */
function countWrites(store: OrderStore) {
  const seen = { place: 0, saves: [] as string[], recordResponse: 0 };
  const place = store.place.bind(store);
  const save = store.save.bind(store);
  const record = store.recordResponse.bind(store);
  store.place = (input) => ((seen.place += 1), place(input));
  store.save = (input) => (seen.saves.push(input.saga?.step ?? '-'), save(input));
  store.recordResponse = (...args) => ((seen.recordResponse += 1), record(...args));
  return seen;
}

describe('the writes of a checkout saga', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'orders-writes-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const body = visaCheckout;
  const fakes = () => {
    const made = stockedFakes();
    made.pricing.promotions.set('P', { percent: 10, left: 5, holders: new Set() });
    return made;
  };

  it('when a cart without a promotion is ordered, then the order is placed and stored reserved, authorized and confirmed with its answer: four writes', async () => {
    const h = await startOrders({ fakes: fakes() });
    try {
      const writes = countWrites(h.service.stores.store);
      h.cart.put({ id: 'cart_w1', userId: 'usr_ann', items: [{ sku: 'KEY', quantity: 1 }] });
      const placed = await h.order('usr_ann', 'writes-1', body('cart_w1'));
      expect(placed.statusCode).toBe(201);
      expect(placed.json()).toMatchObject({ status: 'confirmed', total: { amount: 1270 } });
      expect(writes).toEqual({
        place: 1,
        saves: ['reserved', 'authorized', 'confirmed'],
        recordResponse: 0,
      });
      // The answer went with the last write: a replay gives it without running anything.
      const replay = await h.order('usr_ann', 'writes-1', body('cart_w1'));
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.json()).toEqual(placed.json());
      const stored = await h.service.stores.store.get(placed.json().id);
      expect(stored!.order.version).toBe(4);
      expect(stored!.saga.quoteId).not.toBeNull();
    } finally {
      await h.close();
    }
  });

  it('when the cart has a promotion, then the quote and the redemption are each stored before the next call', async () => {
    const h = await startOrders({ fakes: fakes() });
    try {
      const writes = countWrites(h.service.stores.store);
      h.cart.put({
        id: 'cart_w2',
        userId: 'usr_bob',
        items: [{ sku: 'KEY', quantity: 1 }],
        promotionCode: 'P',
      });
      const placed = await h.order('usr_bob', 'writes-2', body('cart_w2'));
      expect(placed.json()).toMatchObject({ status: 'confirmed' });
      expect(writes.saves).toEqual(['quoted', 'redeemed', 'reserved', 'authorized', 'confirmed']);
    } finally {
      await h.close();
    }
  });

  it('when the process dies after the commit and before the confirmation is stored, then the next process commits again, which changes nothing, and confirms', async () => {
    const auth = await createTestAuth();
    const clock = new ManualClock();
    const shared = fakes();
    shared.cart.put({ id: 'cart_w3', userId: 'usr_cy', items: [{ sku: 'KEY', quantity: 2 }] });
    const env = { ORDERS_SAGA_LEASE_MS: '10000' };
    const first = await startOrders({ dataDir, auth, clock, env, fakes: shared });
    const store = first.service.stores.store;
    const save = store.save.bind(store);
    // The write of the confirmation never happens: as if the process died just before it.
    store.save = (input) =>
      input.saga?.step === 'confirmed' ? new Promise<boolean>(() => {}) : save(input);
    const pending = first.order('usr_cy', 'writes-3', body('cart_w3'));
    // Bounded: the saga reaches the commit within a few turns of the event loop.
    for (let i = 0; i < 200 && shared.inventory.onHand.get('KEY') === 5; i++)
      await new Promise((resolve) => setTimeout(resolve, 5));
    expect(shared.inventory.onHand.get('KEY')).toBe(3);
    const id = [...shared.inventory.reservations.values()][0]!.orderId;
    expect((await store.get(id))!.saga.step).toBe('authorized');
    void pending;
    await first.close().catch(() => undefined);

    const second = await startOrders({ dataDir, auth, clock, env, fakes: shared });
    try {
      clock.advance(10_001);
      expect(await second.service.stores.resumer.pass()).toBe(1);
      const stored = await second.service.stores.store.get(id);
      expect(stored!.order.status).toBe('confirmed');
      expect(stored!.saga.step).toBe('confirmed');
      // Committed once: the repeated commit found the reservation committed.
      expect(shared.inventory.onHand.get('KEY')).toBe(3);
      expect(shared.inventory.reserved.get('KEY')).toBe(0);
      expect(shared.cart.carts.has('cart_w3')).toBe(false);
      // The request that died never answered: the resumed saga recorded the finished order.
      const replay = await second.order('usr_cy', 'writes-3', body('cart_w3'));
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.json()).toMatchObject({ id, status: 'confirmed' });
    } finally {
      await second.close();
    }
  });
});
