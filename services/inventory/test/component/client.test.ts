import {
  INVENTORY_INSUFFICIENT_STOCK,
  InventoryClient,
  ReservationSchema,
  StockBatchSchema,
  StockLevelSchema,
} from '@emporium/contracts';
import { ServiceClient, type AppError } from '@emporium/kit';
import { silentLogger } from '@emporium/kit/testing';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInventory, type InventoryHarness } from './harness.ts';

function expectSchema(schema: TSchema, value: unknown): void {
  expect(Compile(schema).Errors(value)).toEqual([]);
}

describe('the inventory’s typed client against the real inventory', () => {
  let h: InventoryHarness;
  let client: InventoryClient;
  beforeAll(async () => {
    h = await startInventory();
    const url = await h.service.listen();
    const authorization = h.orders['authorization']!;
    client = new InventoryClient(
      new ServiceClient({
        name: 'inventory',
        baseUrl: url,
        logger: silentLogger,
        retries: 0,
        authorization: async () => authorization,
      }),
    );
    for (const [sku, onHand] of [
      ['CLI-1', 5],
      ['CLI-2', 1],
      ['CLI-3', 2],
    ] as const)
      await h.service.app.inject({
        method: 'PUT',
        url: `/inventory/${sku}`,
        headers: h.admin,
        payload: { onHand },
      });
  });
  afterAll(async () => {
    await client.close();
    await h.close();
  });

  it('when stock is read one by one or in a batch, then the answers match the published schemas', async () => {
    const one = await client.getStock('CLI-1');
    expectSchema(StockLevelSchema, one);
    expect(one).toMatchObject({ sku: 'CLI-1', available: 5 });
    expect(await client.getStock('CLI-NONE')).toBeUndefined();
    const many = await client.getMany(['CLI-1', 'CLI-2', 'CLI-NONE']);
    expectSchema(StockBatchSchema, many);
    expect(many.unknown).toEqual(['CLI-NONE']);
  });

  it('when a service reserves, commits and releases, then each answer is a reservation of the schema', async () => {
    const held = await client.reserve({ orderId: 'cli-1', items: [{ sku: 'CLI-1', quantity: 2 }] });
    expectSchema(ReservationSchema, held);
    expect(
      await client.reserve({ orderId: 'cli-1', items: [{ sku: 'CLI-1', quantity: 2 }] }),
    ).toEqual(held);
    expect((await client.commit(held.id)).status).toBe('committed');
    const other = await client.reserve({
      orderId: 'cli-2',
      items: [{ sku: 'CLI-1', quantity: 1 }],
    });
    expect((await client.release(other.id)).status).toBe('released');
    expect(await client.getReservation(other.id)).toMatchObject({ status: 'released' });
    expect((await client.getStock('CLI-1'))?.available).toBe(3);
  });

  it('when a service restocks with an idempotency key twice, then on hand moves once; the key with another delta is the coded 422', async () => {
    const before = (await client.getStock('CLI-3'))!.onHand;
    const restock = { delta: 4, reason: 'order ord_cli cancelled' };
    const first = await client.adjust('CLI-3', restock, { idempotencyKey: 'ord_cli:cancel:0' });
    expectSchema(StockLevelSchema, first);
    const again = await client.adjust('CLI-3', restock, { idempotencyKey: 'ord_cli:cancel:0' });
    expect(again).toEqual(first);
    expect((await client.getStock('CLI-3'))!.onHand).toBe(before + 4);
    await expect(
      client.adjust('CLI-3', { ...restock, delta: 5 }, { idempotencyKey: 'ord_cli:cancel:0' }),
    ).rejects.toMatchObject({ code: 'INVENTORY.IDEMPOTENCY_KEY_REUSED' });
    expect((await client.getStock('CLI-3'))!.onHand).toBe(before + 4);
  });

  it('when stock is short, then the client throws the coded conflict with its shortages', async () => {
    const refusal = await client
      .reserve({ orderId: 'cli-3', items: [{ sku: 'CLI-2', quantity: 4 }] })
      .catch((error: AppError) => error);
    expect(refusal).toMatchObject({
      kind: 'conflict',
      code: INVENTORY_INSUFFICIENT_STOCK,
      details: { shortages: [{ sku: 'CLI-2', requested: 4, available: 1 }] },
    });
  });
});
