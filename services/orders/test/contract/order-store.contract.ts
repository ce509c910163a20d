import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderStore } from '../../src/app/ports/order-store.ts';
import { moveOrder, ZERO_TOTALS, type Order } from '../../src/domain/order.ts';
import type { OrderReturn } from '../../src/domain/returns.ts';
import { newSaga, type SagaState } from '../../src/domain/saga.ts';

export interface OrderStoreUnderTest {
  store: OrderStore;
  /** Unpublished outbox events (the kit's outbox of the same database). */
  pendingEvents(): Promise<number>;
  close(): Promise<void>;
}

let seq = 0;
function anOrder(userId = 'usr_1', key?: string): Order {
  seq += 1;
  const at = 1_000 + seq;
  return {
    id: `ord_${String(at).padStart(13, '0')}_${seq}`,
    userId,
    status: 'pending',
    currency: 'USD',
    cartId: 'cart_1',
    lines: [],
    totals: ZERO_TOTALS,
    shippingAddress: { name: 'n', line1: 'l', city: 'c', postalCode: 'p', country: 'US' },
    shippingOption: null,
    promotionCode: null,
    quoteId: null,
    rejection: null,
    payment: { authorizationId: null, captured: 0, refunded: 0 },
    history: [{ status: 'pending', at }],
    idempotencyKey: key ?? `key-${seq}`,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

const aSaga = (): SagaState =>
  newSaga(
    {
      cartId: 'cart_1',
      items: [{ sku: 'A', quantity: 1 }],
      promotionCode: null,
      currency: 'USD',
      country: 'US',
      shippingOptionId: 'standard',
      paymentToken: 'tok_visa',
      expectedTotal: null,
    },
    0,
  );

const lease = (until: number, owner = 'runner-a') => ({ owner, until });

/** The OrderStore port's contract: every adapter runs it (SQLite in npm test, PostgreSQL in test:infra). */
export function describeOrderStoreContract(options: {
  name: string;
  create(): Promise<OrderStoreUnderTest>;
}): void {
  describe(`OrderStore contract: ${options.name}`, () => {
    let subject: OrderStoreUnderTest;
    let store: OrderStore;
    beforeEach(async () => {
      subject = await options.create();
      store = subject.store;
    });
    afterEach(() => subject.close());

    const place = (order: Order, hash = 'h1', saga = aSaga()) =>
      store.place({ order, saga, requestHash: hash, lease: lease(5_000), events: [] });

    it('when an order is placed, then it reads back with its saga and its key', async () => {
      const order = anOrder();
      expect(await place(order)).toEqual({ placed: true });
      expect(await store.get(order.id)).toEqual({ order, saga: aSaga() });
      expect(await store.idempotency(order.userId, order.idempotencyKey)).toEqual({
        userId: order.userId,
        key: order.idempotencyKey,
        requestHash: 'h1',
        orderId: order.id,
        response: null,
      });
      expect(await store.get('ord_missing')).toBeUndefined();
    });

    it('when an order stored before line names were kept is read, then its lines have name and image null; named lines keep theirs', async () => {
      const line = { sku: 'A', quantity: 1, unitPrice: 100, lineTotal: 100, discount: 0 };
      // The shape orders were stored in before ADR 0039: no name, no image on a line.
      const old = { ...anOrder('usr_old'), lines: [{ ...line, tax: 0, returned: 0 }] };
      await place(old as unknown as Order);
      const named = {
        ...anOrder('usr_old'),
        lines: [{ ...line, tax: 0, returned: 0, name: 'Lamp', image: '/media/lamp.jpg' }],
      };
      await place(named);
      const read = await store.get(old.id);
      expect(read?.order.lines).toEqual([{ ...old.lines[0], name: null, image: null }]);
      expect((await store.get(named.id))?.order.lines).toEqual(named.lines);
      const listed = await store.list({ userId: 'usr_old', limit: 10 });
      expect(listed.items.map((order) => order.lines[0]?.name)).toEqual(['Lamp', null]);
    });

    it('when a key is used again, then nothing is placed and the first record comes back; other customers have their own keys', async () => {
      const first = anOrder('usr_1', 'same');
      await place(first);
      const second = { ...anOrder('usr_1', 'same'), id: 'ord_other' };
      const again = await place(second, 'h2');
      expect(again).toMatchObject({
        placed: false,
        record: { orderId: first.id, requestHash: 'h1' },
      });
      expect(await store.get('ord_other')).toBeUndefined();
      expect(await place({ ...anOrder('usr_2', 'same') })).toEqual({ placed: true });
    });

    it('when 50 placements race on one key, then exactly one is placed', async () => {
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          place({ ...anOrder('usr_race', 'race'), id: `ord_race_${i}` }),
        ),
      );
      expect(results.filter((result) => result.placed)).toHaveLength(1);
      expect((await store.list({ userId: 'usr_race', limit: 100 })).items).toHaveLength(1);
    });

    it('when writes of many orders arrive at once, one of them refused, then each has its own outcome', async () => {
      const orders = Array.from({ length: 20 }, (_, i) => anOrder(`usr_burst_${i}`));
      await Promise.all(orders.map((order) => place(order)));
      const stale = orders[3]!;
      const outcomes = await Promise.all([
        ...orders.map((order) =>
          store.save({
            order: { ...moveOrder(order, 'confirmed', 9_000), version: 2 },
            events: [],
          }),
        ),
        // From version 1 again: refused, and the others' writes stand.
        store.save({ order: { ...moveOrder(stale, 'rejected', 9_001), version: 2 }, events: [] }),
        place({ ...anOrder(stale.userId, stale.idempotencyKey), id: 'ord_burst_dup' }),
      ]);
      expect(outcomes.slice(0, 20)).toEqual(Array.from({ length: 20 }, () => true));
      expect(outcomes[20]).toBe(false);
      expect(outcomes[21]).toMatchObject({ placed: false, record: { orderId: stale.id } });
      for (const order of orders)
        expect((await store.get(order.id))!.order).toMatchObject({
          status: 'confirmed',
          version: 2,
        });
      expect(await store.get('ord_burst_dup')).toBeUndefined();
    });

    it('when the first answer is recorded, then a second one does not replace it', async () => {
      const order = anOrder();
      await place(order);
      await store.recordResponse(order.userId, order.idempotencyKey, {
        status: 201,
        body: { n: 1 },
      });
      await store.recordResponse(order.userId, order.idempotencyKey, {
        status: 201,
        body: { n: 2 },
      });
      expect((await store.idempotency(order.userId, order.idempotencyKey))!.response).toEqual({
        status: 201,
        body: { n: 1 },
      });
    });

    it('when old answered keys are forgotten, then unanswered and newer keys stay, and so do the orders', async () => {
      const answered = anOrder();
      const running = anOrder();
      const recent = anOrder();
      for (const order of [answered, running, recent]) await place(order);
      for (const order of [answered, recent])
        await store.recordResponse(order.userId, order.idempotencyKey, { status: 201, body: {} });

      expect(await store.forgetAnsweredKeys(recent.createdAt, 100)).toBe(1);
      expect(await store.idempotency(answered.userId, answered.idempotencyKey)).toBeUndefined();
      expect(await store.idempotency(running.userId, running.idempotencyKey)).toBeDefined();
      expect(await store.idempotency(recent.userId, recent.idempotencyKey)).toBeDefined();
      expect((await store.get(answered.id))?.order.id).toBe(answered.id);
      // Forgotten, the key is free again: a placement with it is a new order.
      const again = { ...anOrder(answered.userId, answered.idempotencyKey) };
      expect(await place(again)).toEqual({ placed: true });
    });

    it('when more old keys are due than the limit, then the oldest go first, a batch at a time', async () => {
      const orders = [anOrder(), anOrder(), anOrder()];
      for (const order of orders) {
        await place(order);
        await store.recordResponse(order.userId, order.idempotencyKey, { status: 201, body: {} });
      }
      const before = orders[2]!.createdAt + 1;
      expect(await store.forgetAnsweredKeys(before, 2)).toBe(2);
      expect(await store.idempotency(orders[0]!.userId, orders[0]!.idempotencyKey)).toBeUndefined();
      expect(await store.idempotency(orders[2]!.userId, orders[2]!.idempotencyKey)).toBeDefined();
      expect(await store.forgetAnsweredKeys(before, 2)).toBe(1);
      expect(await store.forgetAnsweredKeys(before, 2)).toBe(0);
    });

    it('when two writers save from the same version, then only the first is stored', async () => {
      const order = anOrder();
      await place(order);
      const confirmed = { ...moveOrder(order, 'confirmed', 2_000), version: 2 };
      expect(await store.save({ order: confirmed, events: [] })).toBe(true);
      expect(await store.save({ order: { ...confirmed, status: 'rejected' }, events: [] })).toBe(
        false,
      );
      expect((await store.get(order.id))!.order).toEqual(confirmed);
    });

    it('when a lease is held, then another runner can neither claim nor save until it runs out', async () => {
      const order = anOrder();
      await place(order);
      expect(await store.claim(order.id, lease(9_000, 'runner-b'), 4_000)).toBe(false);
      expect(await store.claim(order.id, lease(9_000, 'runner-a'), 4_000)).toBe(true);
      const next = {
        order: { ...order, version: 2 },
        saga: { ...aSaga(), step: 'quoted' as const },
      };
      expect(await store.save({ ...next, events: [], lease: lease(9_000, 'runner-b') })).toBe(
        false,
      );
      expect(await store.unfinished(8_999, 10)).toEqual([]);
      expect(await store.unfinished(9_000, 10)).toEqual([order.id]);
      expect(await store.claim(order.id, lease(20_000, 'runner-b'), 9_000)).toBe(true);
      expect(await store.save({ ...next, events: [], lease: lease(20_000, 'runner-b') })).toBe(
        true,
      );
    });

    it('when a saga finishes, then it is no longer unfinished and cannot be claimed', async () => {
      const order = anOrder();
      await place(order);
      const done = { ...aSaga(), step: 'confirmed' as const };
      await store.save({
        order: { ...order, version: 2 },
        saga: done,
        events: [],
        lease: lease(5_000),
      });
      expect(await store.unfinished(1e15, 10)).toEqual([]);
      expect(await store.claim(order.id, lease(1e15), 1e14)).toBe(false);
    });

    it('when orders are listed, then a customer’s come newest first in pages, and all customers’ without a filter', async () => {
      const mine = [anOrder('usr_list'), anOrder('usr_list'), anOrder('usr_list')];
      for (const order of [...mine, anOrder('usr_else')]) await place(order);
      const first = await store.list({ userId: 'usr_list', limit: 2 });
      expect(first.items.map((o) => o.id)).toEqual([mine[2]!.id, mine[1]!.id]);
      const rest = await store.list({ userId: 'usr_list', limit: 2, after: first.next! });
      expect(rest).toEqual({ items: [mine[0]], next: null });
      expect((await store.list({ limit: 100 })).items.length).toBeGreaterThanOrEqual(4);
    });

    it('when a return is saved with its order, then both change together, and a stale order version saves neither', async () => {
      const order = anOrder();
      await place(order);
      const ret: OrderReturn = {
        id: 'ret_1',
        orderId: order.id,
        userId: order.userId,
        status: 'requested',
        reason: 'r',
        lines: [{ sku: 'A', quantity: 1, refund: 10 }],
        refund: 10,
        currency: 'USD',
        restocked: false,
        refundId: null,
        history: [{ status: 'requested', at: 1 }],
        version: 1,
        createdAt: 1,
        updatedAt: 1,
      };
      expect(
        await store.save({ order: { ...order, version: 2 }, events: [], returns: [ret] }),
      ).toBe(true);
      const received = { ...ret, status: 'received' as const, version: 2 };
      expect(
        await store.save({ order: { ...order, version: 2 }, events: [], returns: [received] }),
      ).toBe(false);
      expect(await store.getReturn('ret_1')).toEqual(ret);
      expect(
        await store.save({ order: { ...order, version: 3 }, events: [], returns: [received] }),
      ).toBe(true);
      expect(await store.returnsOf(order.id)).toEqual([received]);
      expect(await store.getReturn('ret_nope')).toBeUndefined();
    });

    it('when a write carries events, then they are in the outbox of the same commit; a refused write adds none', async () => {
      const { ORDERS_SOURCE, OrderPlacedV1 } = await import('@emporium/contracts');
      const order = anOrder();
      const event = OrderPlacedV1.create({
        source: ORDERS_SOURCE,
        subject: order.id,
        data: {
          orderId: order.id,
          customerId: order.userId,
          status: 'pending',
          items: [],
          total: { amount: 0, currency: 'USD' },
          at: new Date(0).toISOString(),
        },
      });
      const before = await subject.pendingEvents();
      await store.place({
        order,
        saga: aSaga(),
        requestHash: 'h',
        lease: lease(1),
        events: [event],
      });
      expect(await subject.pendingEvents()).toBe(before + 1);
      await store.save({ order: { ...order, version: 5 }, events: [event] });
      expect(await subject.pendingEvents()).toBe(before + 1);
    });
  });
}
