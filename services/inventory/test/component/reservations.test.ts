import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, startInventory, type InventoryHarness } from './harness.ts';

describe('reservations through HTTP', () => {
  let h: InventoryHarness;
  beforeAll(async () => {
    h = await startInventory();
  });
  afterAll(() => h.close());

  const app = () => h.service.app;
  const stock = (sku: string, onHand: number, location?: string) =>
    app().inject({
      method: 'PUT',
      url: `/inventory/${sku}`,
      headers: h.admin,
      payload: { onHand, ...(location ? { location } : {}) },
    });
  const reserve = (body: object, headers = h.orders) =>
    app().inject({ method: 'POST', url: '/reservations', headers, payload: body });
  const act = (id: string, action: 'commit' | 'release', headers = h.orders) =>
    app().inject({ method: 'POST', url: `/reservations/${id}/${action}`, headers });
  const level = async (sku: string) =>
    (await app().inject({ url: `/inventory/${sku}` })).json<{
      onHand: number;
      reserved: number;
      available: number;
      locations: { location: string; onHand: number; reserved: number }[];
    }>();

  it('when a service reserves, then 201 held with allocations filling the first location before the next', async () => {
    await stock('RSV-A', 3);
    await stock('RSV-A', 5, 'wh-west');
    const response = await reserve({ orderId: 'ord-1', items: [{ sku: 'RSV-A', quantity: 4 }] });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      orderId: 'ord-1',
      status: 'held',
      allocations: [
        { sku: 'RSV-A', location: 'wh-east', quantity: 3 },
        { sku: 'RSV-A', location: 'wh-west', quantity: 1 },
      ],
    });
    expect(await level('RSV-A')).toMatchObject({ onHand: 8, reserved: 4, available: 4 });
  });

  it('when the same orderId reserves again, then the same reservation answers 200 and nothing more is held', async () => {
    await stock('RSV-B', 5);
    const first = await reserve({ orderId: 'ord-2', items: [{ sku: 'RSV-B', quantity: 2 }] });
    const again = await reserve({ orderId: 'ord-2', items: [{ sku: 'RSV-B', quantity: 2 }] });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect((await level('RSV-B')).reserved).toBe(2);
  });

  it('when one SKU is short, then 409 lists the shortages and nothing is held', async () => {
    await stock('RSV-C1', 5);
    await stock('RSV-C2', 1);
    const response = await reserve({
      orderId: 'ord-3',
      items: [
        { sku: 'RSV-C1', quantity: 2 },
        { sku: 'RSV-C2', quantity: 3 },
        { sku: 'RSV-NONE', quantity: 1 },
      ],
    });
    const problem = expectProblem(response, 409, 'INVENTORY.INSUFFICIENT_STOCK');
    expect(problem['shortages']).toEqual([
      { sku: 'RSV-C2', requested: 3, available: 1 },
      { sku: 'RSV-NONE', requested: 1, available: 0 },
    ]);
    expect((await level('RSV-C1')).reserved).toBe(0);
  });

  it('when a reservation is committed, then its units leave on hand; again is the same answer', async () => {
    await stock('RSV-D', 4);
    const { id } = (
      await reserve({ orderId: 'ord-4', items: [{ sku: 'RSV-D', quantity: 3 }] })
    ).json();
    expect((await act(id, 'commit')).json()).toMatchObject({ status: 'committed' });
    expect((await act(id, 'commit')).statusCode).toBe(200);
    expect(await level('RSV-D')).toMatchObject({ onHand: 1, reserved: 0, available: 1 });
    expectProblem(await act(id, 'release'), 409, 'INVENTORY.RESERVATION_COMMITTED');
  });

  it('when a reservation is released, then its units are available again; commit after is 409', async () => {
    await stock('RSV-E', 2);
    const { id } = (
      await reserve({ orderId: 'ord-5', items: [{ sku: 'RSV-E', quantity: 2 }] })
    ).json();
    expect((await level('RSV-E')).available).toBe(0);
    expect((await act(id, 'release')).json()).toMatchObject({ status: 'released' });
    expect((await act(id, 'release')).statusCode).toBe(200);
    expect(await level('RSV-E')).toMatchObject({ onHand: 2, reserved: 0, available: 2 });
    expectProblem(await act(id, 'commit'), 409, 'INVENTORY.RESERVATION_NOT_HELD');
  });

  it('when a customer or nobody calls a reservation route, then 404 or 401', async () => {
    const body = { orderId: 'ord-6', items: [{ sku: 'RSV-A', quantity: 1 }] };
    expectProblem(await reserve(body, h.shopper), 404, 'COMMON.ROUTE_NOT_FOUND');
    expectProblem(await reserve(body, h.foreignService), 404, 'COMMON.ROUTE_NOT_FOUND');
    expectProblem(await reserve(body, {}), 401, 'COMMON.UNAUTHENTICATED');
    expect((await reserve(body, h.admin)).statusCode).toBe(201);
  });

  it('when the TTL is over the maximum or the body is bad, then a coded 4xx', async () => {
    const items = [{ sku: 'RSV-A', quantity: 1 }];
    expectProblem(
      await reserve({ orderId: 'ord-7', items, ttlSeconds: 999_999 }),
      400,
      'COMMON.VALIDATION_FAILED',
    );
    expectProblem(
      await reserve({ orderId: 'ord-7', items, ttlSeconds: 7_200 }),
      422,
      'INVENTORY.INVALID_TTL',
    );
    expectProblem(
      await reserve({ orderId: 'ord-7', items: [{ sku: 'RSV-A', quantity: 0 }] }),
      400,
      'COMMON.VALIDATION_FAILED',
    );
    expectProblem(await reserve({ orderId: 'ord-7', items: [] }), 400, 'COMMON.VALIDATION_FAILED');
  });

  it('when an unknown reservation is read or committed, then 404', async () => {
    const id = 'res_01JZZZZZZZZZZZZZZZZZZZZZZZ';
    const read = await app().inject({ url: `/reservations/${id}`, headers: h.orders });
    expectProblem(read, 404, 'INVENTORY.RESERVATION_NOT_FOUND');
    expectProblem(await act(id, 'commit'), 404, 'INVENTORY.RESERVATION_NOT_FOUND');
  });
});
