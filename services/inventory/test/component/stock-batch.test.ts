import { InventoryTopics } from '@emporium/contracts';
import type { CloudEvent } from '@emporium/kit';
import { eventually } from '@emporium/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInventory, type InventoryHarness } from './harness.ts';

describe('PUT /inventory, the batch count, through HTTP', () => {
  let h: InventoryHarness;
  const published: CloudEvent[] = [];
  beforeAll(async () => {
    h = await startInventory();
    h.service.bus!.subscribe({
      group: 'test.batch-recorder',
      topics: [InventoryTopics.stock],
      handle: async (event) => void published.push(event),
    });
  });
  afterAll(() => h.close());

  const putBatch = (items: unknown[], headers: Record<string, string> = h.admin) =>
    h.service.app.inject({ method: 'PUT', url: '/inventory', headers, payload: { items } });
  const get = (url: string) => h.service.app.inject({ url, headers: h.admin });

  it('when an admin counts a batch, then each SKU reads back, with its audit entries and events', async () => {
    const response = await putBatch([
      { sku: 'B-MUG', onHand: 7 },
      { sku: 'B-MUG', onHand: 3, location: 'wh-west', lowStockThreshold: 2 },
      { sku: 'B-CUP', onHand: 0 },
    ]);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().items).toMatchObject([
      { sku: 'B-MUG', onHand: 10, available: 10, version: 2 },
      { sku: 'B-MUG', onHand: 10 },
      { sku: 'B-CUP', onHand: 0, version: 1 },
    ]);
    expect((await get('/inventory?skus=B-MUG,B-CUP')).json().items).toHaveLength(2);
    const audit = (await get('/inventory/B-MUG/adjustments')).json().items;
    expect(audit).toMatchObject([
      { location: 'wh-west', delta: 3, reason: 'stock count', actor: 'usr_admin' },
      { location: 'wh-east', delta: 7, reason: 'stock count', actor: 'usr_admin' },
    ]);
    await eventually(() => published.filter((e) => e.subject === 'B-MUG').length === 3);
    expect(published.filter((e) => e.subject === 'B-MUG').map((e) => e.type)).toEqual([
      'inventory.stock.changed',
      'inventory.stock.replenished',
      'inventory.stock.changed',
    ]);
  });

  it('when any item is bad, then it is a problem naming each bad item and nothing is written', async () => {
    const response = await putBatch([
      { sku: 'B-OK', onHand: 1 },
      { sku: 'B-BAD', onHand: 1, location: 'wh-moon' },
      { sku: 'B-OK', onHand: 2 },
    ]);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      code: 'INVENTORY.INVALID_BATCH',
      errors: [
        { field: 'items/1/location', message: expect.stringContaining('UNKNOWN_LOCATION') },
        { field: 'items/2/location', message: expect.stringContaining('counted twice') },
      ],
    });
    expect((await get('/inventory/B-OK')).statusCode).toBe(404);
  });

  it('when a batch is empty, over 500 items or malformed, then it is a 400 and nothing is written', async () => {
    const item = (i: number) => ({ sku: `B-MANY-${i}`, onHand: 1 });
    const bad = [
      [],
      Array.from({ length: 501 }, (_, i) => item(i)),
      [{ sku: 'B-NEG', onHand: -1 }],
    ];
    for (const items of bad) {
      const response = await putBatch(items);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'COMMON.VALIDATION_FAILED' });
    }
    expect((await get('/inventory/B-MANY-0')).statusCode).toBe(404);
    const full = await putBatch(Array.from({ length: 500 }, (_, i) => item(i)));
    expect(full.statusCode).toBe(200);
    expect((await get('/inventory/B-MANY-499')).json()).toMatchObject({ onHand: 1 });
  });

  it('when no admin asks, then anonymous is 401 and a customer or a service 403', async () => {
    const items = [{ sku: 'B-AUTH', onHand: 1 }];
    expect((await putBatch(items, {})).statusCode).toBe(401);
    expect((await putBatch(items, h.shopper)).statusCode).toBe(403);
    expect((await putBatch(items, h.orders)).statusCode).toBe(403);
    expect((await get('/inventory/B-AUTH')).statusCode).toBe(404);
  });
});
