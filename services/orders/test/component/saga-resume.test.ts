import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestAuth, ManualClock } from '@emporium/kit/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { startOrders, stockedFakes, visaCheckout } from '../support/harness.ts';

describe('unfinished sagas resume', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'orders-resume-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const body = visaCheckout;
  const fakes = stockedFakes;

  it('when inventory fails after the payment and the process restarts, then the new process finishes the saga', async () => {
    const auth = await createTestAuth();
    const clock = new ManualClock();
    const shared = fakes();
    shared.cart.put({ id: 'cart_r1', userId: 'usr_sam', items: [{ sku: 'KEY', quantity: 2 }] });
    shared.inventory.commitDown = true;
    const env = { ORDERS_SAGA_LEASE_MS: '10000' };
    const first = await startOrders({ dataDir, auth, clock, env, fakes: shared });
    const placed = await first.order('usr_sam', 'resume-1', body('cart_r1'));
    // Paid, stock held, the commit failed for now: the order waits, it is not undone.
    expect(placed.statusCode).toBe(201);
    expect(placed.json()).toMatchObject({ status: 'pending' });
    const id = placed.json().id;
    expect((await first.service.stores.store.get(id))!.saga.step).toBe('authorized');
    expect(shared.inventory.reserved.get('KEY')).toBe(2);
    await first.close();

    shared.inventory.commitDown = false;
    const second = await startOrders({ dataDir, auth, clock, env, fakes: shared });
    try {
      // The lease of the dead process still runs: nobody takes the saga yet.
      expect(await second.service.stores.resumer.pass()).toBe(0);
      clock.advance(10_001);
      expect(await second.service.stores.resumer.pass()).toBe(1);
      const order = (
        await second.request('GET', `/orders/${id}`, await second.as('usr_sam'))
      ).json();
      expect(order).toMatchObject({ status: 'confirmed' });
      expect(shared.inventory.onHand.get('KEY')).toBe(3);
      expect(shared.inventory.reserved.get('KEY')).toBe(0);
      expect(shared.cart.carts.has('cart_r1')).toBe(false);
      // The first answer (pending) is what a replay gives: the key's answer does not change.
      const replay = await second.order('usr_sam', 'resume-1', body('cart_r1'));
      expect(replay.json()).toEqual(placed.json());
    } finally {
      await second.close();
    }
  });

  it('when pricing stays down past the retry window, then the resumer rejects the order and releases what it held', async () => {
    const clock = new ManualClock();
    const shared = fakes();
    shared.cart.put({
      id: 'cart_r2',
      userId: 'usr_tia',
      items: [{ sku: 'KEY', quantity: 1 }],
      promotionCode: 'P',
    });
    shared.pricing.promotions.set('P', { percent: 5, left: 1, holders: new Set() });
    shared.inventory.down = true;
    const h = await startOrders({
      clock,
      fakes: shared,
      env: { ORDERS_SAGA_LEASE_MS: '1000', ORDERS_SAGA_RETRY_WINDOW_MS: '60000' },
    });
    try {
      const placed = (await h.order('usr_tia', 'window-1', body('cart_r2'))).json();
      expect(placed).toMatchObject({ status: 'pending' });
      expect(shared.pricing.promotions.get('P')!.left).toBe(0);
      clock.advance(2_000);
      await h.service.stores.resumer.pass();
      expect((await h.service.stores.store.get(placed.id))!.saga.step).toBe('redeemed');
      clock.advance(60_000);
      shared.pricing.down = true;
      await h.service.stores.resumer.pass();
      // Past the window the reserve is given up; undoing waits for the upstreams to come back.
      expect((await h.service.stores.store.get(placed.id))!.saga.step).toBe('compensating');
      shared.pricing.down = false;
      shared.inventory.down = false;
      clock.advance(2_000);
      await h.service.stores.resumer.pass();
      const order = (await h.request('GET', `/orders/${placed.id}`, h.admin)).json();
      expect(order).toMatchObject({ status: 'rejected', rejectionReason: 'upstream_unavailable' });
      expect(shared.pricing.promotions.get('P')!.left).toBe(1);
      expect(shared.inventory.reserved.get('KEY') ?? 0).toBe(0);
    } finally {
      await h.close();
    }
  });
});
