import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, startInventory, type InventoryHarness } from './harness.ts';

describe('adjustments and the audit trail through HTTP', () => {
  let h: InventoryHarness;
  beforeAll(async () => {
    h = await startInventory();
  });
  afterAll(() => h.close());

  const app = () => h.service.app;
  const put = (sku: string, payload: object) =>
    app().inject({ method: 'PUT', url: `/inventory/${sku}`, headers: h.admin, payload });
  const adjust = (sku: string, payload: object, headers = h.admin) =>
    app().inject({ method: 'POST', url: `/inventory/${sku}/adjustments`, headers, payload });
  const trail = (sku: string, query = '') =>
    app().inject({ url: `/inventory/${sku}/adjustments${query}`, headers: h.admin });
  const reserve = (orderId: string, sku: string, quantity: number) =>
    app().inject({
      method: 'POST',
      url: '/reservations',
      headers: h.orders,
      payload: { orderId, items: [{ sku, quantity }] },
    });

  it('when stock is adjusted with a reason, then on hand moves and the trail names actor, reason and result', async () => {
    await put('ADJ-1', { onHand: 10 });
    const response = await adjust('ADJ-1', { delta: -3, reason: 'damaged in transit' });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ onHand: 7, available: 7 });
    const page = (await trail('ADJ-1')).json();
    expect(page.items).toMatchObject([
      {
        kind: 'adjustment',
        delta: -3,
        reason: 'damaged in transit',
        actor: 'usr_admin',
        onHand: 7,
      },
      { kind: 'set', delta: 10, reason: 'stock count', actor: 'usr_admin', onHand: 10 },
    ]);
  });

  it('when an adjustment is sent again with its Idempotency-Key, then 200 with the stock, replayed, and on hand moves once', async () => {
    await put('ADJ-KEY', { onHand: 4 });
    const keyed = { ...h.orders, 'idempotency-key': 'ord_9:cancel:ADJ-KEY:wh-east' };
    const first = await adjust('ADJ-KEY', { delta: 2, reason: 'order cancelled' }, keyed);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replayed']).toBe('false');
    const again = await adjust('ADJ-KEY', { delta: 2, reason: 'order cancelled' }, keyed);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect((await app().inject({ url: '/inventory/ADJ-KEY' })).json()).toMatchObject({ onHand: 6 });

    const reused = await adjust('ADJ-KEY', { delta: 5, reason: 'order cancelled' }, keyed);
    expectProblem(reused, 422, 'INVENTORY.IDEMPOTENCY_KEY_REUSED');
    const badKey = await adjust(
      'ADJ-KEY',
      { delta: 1, reason: 'found' },
      { ...h.admin, 'idempotency-key': 'has spaces' },
    );
    expectProblem(badKey, 400, 'INVENTORY.IDEMPOTENCY_KEY_INVALID');
    expect((await app().inject({ url: '/inventory/ADJ-KEY' })).json()).toMatchObject({ onHand: 6 });
    const adjustments = (await trail('ADJ-KEY'))
      .json()
      .items.filter((entry: { kind: string }) => entry.kind === 'adjustment');
    expect(adjustments).toHaveLength(1);
  });

  it('when an adjustment would take available below zero, then 409 INSUFFICIENT_STOCK and nothing is written', async () => {
    await put('ADJ-2', { onHand: 5 });
    await reserve('adj-order-2', 'ADJ-2', 4);
    expectProblem(
      await adjust('ADJ-2', { delta: -2, reason: 'shrinkage' }),
      409,
      'INVENTORY.INSUFFICIENT_STOCK',
    );
    expect((await app().inject({ url: '/inventory/ADJ-2' })).json()).toMatchObject({
      onHand: 5,
      reserved: 4,
      available: 1,
    });
    expect((await trail('ADJ-2')).json().items).toHaveLength(1);
  });

  it('when a count would drop below what is reserved at the location, then 409 BELOW_RESERVED', async () => {
    await put('ADJ-3', { onHand: 5 });
    await reserve('adj-order-3', 'ADJ-3', 3);
    expectProblem(await put('ADJ-3', { onHand: 2 }), 409, 'INVENTORY.BELOW_RESERVED');
    expect((await put('ADJ-3', { onHand: 3 })).statusCode).toBe(200);
  });

  it('when the reason is missing, the delta zero or the caller no admin, then a 4xx and nothing is written', async () => {
    await put('ADJ-4', { onHand: 1 });
    expectProblem(await adjust('ADJ-4', { delta: 2 }), 400, 'COMMON.VALIDATION_FAILED');
    expectProblem(
      await adjust('ADJ-4', { delta: 0, reason: 'x' }),
      400,
      'COMMON.VALIDATION_FAILED',
    );
    expect((await adjust('ADJ-4', { delta: 1, reason: 'x' }, h.shopper)).statusCode).toBe(403);
    expect((await trail('ADJ-4')).json().items).toHaveLength(1);
  });

  it('when a service holding an inventory token restocks (a cancelled order), then it is an adjustment by that service; a token for another service is refused', async () => {
    await put('ADJ-6', { onHand: 1 });
    const restocked = await adjust('ADJ-6', { delta: 2, reason: 'order cancelled' }, h.orders);
    expect(restocked.statusCode, restocked.body).toBe(201);
    expect(restocked.json()).toMatchObject({ onHand: 3 });
    expect((await trail('ADJ-6')).json().items[0]).toMatchObject({
      delta: 2,
      actor: 'svc_orders',
    });
    const foreign = await adjust('ADJ-6', { delta: 1, reason: 'x' }, h.foreignService);
    expect(foreign.statusCode).toBe(403);
    expect((await trail('ADJ-6')).json().items).toHaveLength(2);
  });

  it('when the trail is longer than a page, then it is paged newest first with a cursor', async () => {
    await put('ADJ-5', { onHand: 1 });
    for (let i = 0; i < 4; i += 1) await adjust('ADJ-5', { delta: 1, reason: `found ${i}` });
    const first = (await trail('ADJ-5', '?limit=2')).json();
    expect(first.items.map((entry: { onHand: number }) => entry.onHand)).toEqual([5, 4]);
    const second = (await trail('ADJ-5', `?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((entry: { onHand: number }) => entry.onHand)).toEqual([3, 2]);
    const last = (await trail('ADJ-5', `?limit=2&cursor=${second.nextCursor}`)).json();
    expect(last).toMatchObject({ items: [{ onHand: 1 }], nextCursor: null });
    expectProblem(await trail('ADJ-5', '?limit=101'), 400, 'COMMON.VALIDATION_FAILED');
  });

  it('when a backorder allowance is set, then reservations may go beyond stock and commits owe the rest', async () => {
    await put('ADJ-6', { onHand: 2, backorderLimit: 3 });
    const held = (await reserve('adj-order-6', 'ADJ-6', 4)).json();
    expect(held.allocations).toEqual([{ sku: 'ADJ-6', location: 'wh-east', quantity: 4 }]);
    expectProblem(await reserve('adj-order-7', 'ADJ-6', 2), 409, 'INVENTORY.INSUFFICIENT_STOCK');
    await app().inject({
      method: 'POST',
      url: `/reservations/${held.id}/commit`,
      headers: h.orders,
    });
    expect((await app().inject({ url: '/inventory/ADJ-6' })).json()).toMatchObject({
      onHand: 0,
      reserved: 0,
      backordered: 2,
      available: 1,
    });
    // Arriving stock settles what is owed first.
    const arrived = await adjust('ADJ-6', { delta: 5, reason: 'delivery' });
    expect(arrived.json()).toMatchObject({ onHand: 3, backordered: 0, available: 6 });
  });

  it('when a batch is read, then known SKUs come in order and unknown ones are listed apart', async () => {
    await put('BAT-1', { onHand: 1 });
    await put('BAT-2', { onHand: 2 });
    const response = await app().inject({ url: '/inventory?skus=BAT-2,NOPE-1,BAT-1' });
    expect(response.json()).toMatchObject({
      items: [
        { sku: 'BAT-2', onHand: 2 },
        { sku: 'BAT-1', onHand: 1 },
      ],
      unknown: ['NOPE-1'],
    });
    const tooMany = Array.from({ length: 101 }, (_, i) => `S${i}`).join(',');
    expectProblem(
      await app().inject({ url: `/inventory?skus=${tooMany}` }),
      400,
      'INVENTORY.TOO_MANY_SKUS',
    );
    expectProblem(
      await app().inject({ url: '/inventory?skus=a%20b' }),
      400,
      'INVENTORY.INVALID_SKU',
    );
  });
});
