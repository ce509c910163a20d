import type { CloudEvent } from '@emporium/kit';
import { expect, it } from 'vitest';
import type { InventoryDeps } from '../../src/app/deps.ts';
import type { InventoryStore } from '../../src/app/ports/inventory-store.ts';
import { reserve } from '../../src/app/use-cases/reserve.ts';
import { setStock } from '../../src/app/use-cases/set-stock.ts';
import { setStockBatch } from '../../src/app/use-cases/set-stock-batch.ts';
import { emptyStock } from '../../src/domain/stock.ts';

interface Fixture {
  deps: InventoryDeps;
  store: InventoryStore;
  committedEvents(): Promise<CloudEvent[]>;
}

let unique = 0;
const sku = (label: string) => `${label}-${Date.now().toString(36)}-${(unique += 1)}`;
const ADMIN = 'usr_admin';

/** Many SKUs in one change (the batch count): cases run inside the store contract's describe. */
export function stockBatchCases(fixture: () => Fixture): void {
  const eventsOf = async (id: string) =>
    (await fixture().committedEvents())
      .filter((event) => event.subject === id)
      .map((event) => ({ type: event.type, data: { ...(event.data as object), sku: 'X' } }));
  const auditOf = async (id: string) =>
    (await fixture().store.auditTrail(id, 10)).items.map(({ id: _, sku: __, ...rest }) => rest);

  it('when a batch counts 60 SKUs at two locations, then every count, audit entry and event commits', async () => {
    const { deps, store } = fixture();
    const skus = Array.from({ length: 60 }, () => sku('BATCH'));
    const items = skus.flatMap((id, i) => [
      { sku: id, onHand: i + 1 },
      { sku: id, onHand: 2, location: 'wh-west' },
    ]);
    const levels = await setStockBatch(deps, items, ADMIN);
    expect(levels).toHaveLength(120);
    expect(levels[0]).toMatchObject({ sku: skus[0], onHand: 3, version: 2 });
    const records = await store.readStock(skus);
    expect(records.map((record) => record.locations.map((l) => l.onHand))).toEqual(
      skus.map((_, i) => [i + 1, 2]),
    );
    expect(await auditOf(skus[59]!)).toHaveLength(2);
    expect((await eventsOf(skus[59]!)).length).toBeGreaterThan(0);
  });

  it('when a batch counts a SKU, then its audit entries and events are those single counts write', async () => {
    const { deps } = fixture();
    const [single, batch] = [sku('ONE'), sku('MANY')];
    const counts = [{ onHand: 5 }, { onHand: 1, location: 'wh-west', lowStockThreshold: 8 }];
    for (const count of counts) await setStock(deps, { sku: single, ...count, actor: ADMIN });
    await setStockBatch(
      deps,
      counts.map((count) => ({ sku: batch, ...count })),
      ADMIN,
    );
    expect(await auditOf(batch)).toEqual(await auditOf(single));
    expect(await eventsOf(batch)).toEqual(await eventsOf(single));
  });

  it('when one count of a batch falls below what is reserved, then it is a conflict and nothing is written', async () => {
    const { deps, store, committedEvents } = fixture();
    const [held, fresh] = [sku('HELD'), sku('FRESH')];
    await setStock(deps, { sku: held, onHand: 5, actor: ADMIN });
    await reserve(deps, { orderId: `${held}-o`, items: [{ sku: held, quantity: 3 }] });
    const before = (await committedEvents()).length;
    await expect(
      setStockBatch(
        deps,
        [
          { sku: fresh, onHand: 4 },
          { sku: held, onHand: 1 },
        ],
        ADMIN,
      ),
    ).rejects.toMatchObject({
      code: 'INVENTORY.BATCH_CONFLICT',
      errors: [{ field: 'items/1/onHand', message: expect.stringContaining('BELOW_RESERVED') }],
    });
    expect(await store.readStock([fresh])).toEqual([]);
    expect((await store.readStock([held]))[0]!.locations[0]!.onHand).toBe(5);
    expect((await committedEvents()).length).toBe(before);
  });

  it('when one change needs more records than the store takes, then it is refused whole', async () => {
    const { store } = fixture();
    const limit = store.maxChangeItems ?? 300;
    const skus = Array.from({ length: limit + 1 }, () => sku('BIG'));
    const write = store.change({ skus }, () => ({
      result: undefined,
      stock: skus.map((id) => ({ ...emptyStock(id, ['wh-east']), version: 1 })),
    }));
    if (store.maxChangeItems === undefined) await write;
    else await expect(write).rejects.toMatchObject({ code: 'INVENTORY.TOO_MANY_SKUS' });
    const written = await store.readStock(skus.slice(0, 100));
    expect(written).toHaveLength(store.maxChangeItems === undefined ? 100 : 0);
  });
}
