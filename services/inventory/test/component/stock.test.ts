import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, startInventory, type InventoryHarness } from './harness.ts';

describe('stock through HTTP', () => {
  let h: InventoryHarness;
  beforeAll(async () => {
    h = await startInventory();
  });
  afterAll(() => h.close());

  const put = (sku: string, body: object, headers = h.admin) =>
    h.service.app.inject({ method: 'PUT', url: `/inventory/${sku}`, headers, payload: body });
  const get = (url: string) => h.service.app.inject({ url });

  it('when an admin counts stock at the default location, then it reads back with an ETag', async () => {
    const response = await put('SKU-PUT-1', { onHand: 7, lowStockThreshold: 2 });
    expect(response.statusCode, response.body).toBe(200);
    const read = await get('/inventory/SKU-PUT-1');
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe('"1"');
    expect(read.json()).toMatchObject({
      sku: 'SKU-PUT-1',
      onHand: 7,
      reserved: 0,
      available: 7,
      version: 1,
      locations: [
        { location: 'wh-east', onHand: 7, reserved: 0 },
        { location: 'wh-west', onHand: 0, reserved: 0 },
      ],
    });
  });

  it('when counts land at both locations, then on hand and available are their sums', async () => {
    await put('SKU-PUT-2', { onHand: 3 });
    await put('SKU-PUT-2', { onHand: 4, location: 'wh-west', backorderLimit: 5 });
    expect((await get('/inventory/SKU-PUT-2')).json()).toMatchObject({
      onHand: 7,
      available: 12,
      version: 2,
    });
  });

  it('when a SKU was never stocked, then it reads as 404', async () => {
    expectProblem(await get('/inventory/NEVER-1'), 404, 'INVENTORY.SKU_NOT_FOUND');
  });

  it('when a customer or nobody counts stock, then 403 or 401 and nothing is written', async () => {
    expect((await put('SKU-PUT-3', { onHand: 1 }, h.shopper)).statusCode).toBe(403);
    expect((await put('SKU-PUT-3', { onHand: 1 }, {})).statusCode).toBe(401);
    expect((await get('/inventory/SKU-PUT-3')).statusCode).toBe(404);
  });

  it('when the location is unknown or the count negative, then a coded 4xx and nothing is written', async () => {
    expectProblem(
      await put('SKU-PUT-4', { onHand: 1, location: 'wh-moon' }),
      422,
      'INVENTORY.UNKNOWN_LOCATION',
    );
    expectProblem(await put('SKU-PUT-4', { onHand: -1 }), 400, 'COMMON.VALIDATION_FAILED');
    expectProblem(await put('SKU-PUT-4', { onHand: 1.5 }), 400, 'COMMON.VALIDATION_FAILED');
    expect((await get('/inventory/SKU-PUT-4')).statusCode).toBe(404);
  });

  it('when If-Match names an older version, then 412 and the count stays', async () => {
    await put('SKU-PUT-5', { onHand: 2 });
    const stale = await put('SKU-PUT-5', { onHand: 9 }, { ...h.admin, 'if-match': '"7"' });
    expect(stale.statusCode).toBe(412);
    expect((await get('/inventory/SKU-PUT-5')).json()).toMatchObject({ onHand: 2 });
    const fresh = await put('SKU-PUT-5', { onHand: 9 }, { ...h.admin, 'if-match': '"1"' });
    expect(fresh.statusCode).toBe(200);
  });

  it('when the locations are listed, then they come in allocation order', async () => {
    expect((await get('/locations')).json()).toEqual({
      items: [
        { id: 'wh-east', allocationOrder: 1 },
        { id: 'wh-west', allocationOrder: 2 },
      ],
    });
  });
});
