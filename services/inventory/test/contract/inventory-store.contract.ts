import type { CloudEvent } from '@emporium/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InventoryDeps } from '../../src/app/deps.ts';
import type { InventoryStore } from '../../src/app/ports/inventory-store.ts';
import { reserve } from '../../src/app/use-cases/reserve.ts';
import { adjustStock, setStock } from '../../src/app/use-cases/set-stock.ts';
import {
  expireReservation,
  releaseReservation,
} from '../../src/app/use-cases/settle-reservation.ts';
import { emptyStock, type StockRecord } from '../../src/domain/stock.ts';
import { ManualClock } from '@emporium/kit/testing';
import { stockBatchCases } from './stock-batch.cases.ts';

export interface InventoryStoreFixture {
  store: InventoryStore;
  /** Events the store's outbox holds, in commit order. */
  committedEvents(): Promise<CloudEvent[]>;
  close(): Promise<void>;
}

export interface InventoryStoreContractOptions {
  name: string;
  create(clock: ManualClock): Promise<InventoryStoreFixture>;
}

const LOCATIONS = ['wh-east', 'wh-west'];
let unique = 0;
const sku = (label: string) => `${label}-${Date.now().toString(36)}-${(unique += 1)}`;

/** What every InventoryStore must do: atomic changes, no lost update, one reservation per order. */
export function describeInventoryStoreContract(options: InventoryStoreContractOptions): void {
  describe(`InventoryStore contract: ${options.name}`, () => {
    let fixture: InventoryStoreFixture;
    let deps: InventoryDeps;
    const clock = new ManualClock();
    beforeEach(async () => {
      fixture = await options.create(clock);
      deps = {
        store: fixture.store,
        clock,
        locations: LOCATIONS,
        reservationTtl: { defaultSeconds: 900, maxSeconds: 3_600 },
      };
    });
    afterEach(() => fixture.close());
    stockBatchCases(() => ({ deps, ...fixture }));

    const count = (id: string, onHand: number) =>
      setStock(deps, { sku: id, onHand, actor: 'usr_admin' });
    const bump = (id: string) =>
      fixture.store.change({ skus: [id] }, (view) => {
        const before = view.stock.get(id) ?? emptyStock(id, LOCATIONS);
        const [first, ...rest] = before.locations;
        const after: StockRecord = {
          ...before,
          locations: [{ ...first!, onHand: first!.onHand + 1 }, ...rest],
          version: before.version + 1,
        };
        return { result: after.version, stock: [after] };
      });

    it('when stock is written, then it reads back, and SKUs never written are left out', async () => {
      const id = sku('READ');
      await count(id, 4);
      const records = await fixture.store.readStock([id, sku('NONE')]);
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({ sku: id, version: 1 });
      expect(records[0]!.locations[0]).toMatchObject({ location: 'wh-east', onHand: 4 });
    });

    it('when a change commits, then its stock, audit entry and events commit together', async () => {
      const id = sku('ATOMIC');
      await count(id, 3);
      const page = await fixture.store.auditTrail(id, 10);
      expect(page.items).toMatchObject([{ sku: id, delta: 3, onHand: 3, actor: 'usr_admin' }]);
      const events = (await fixture.committedEvents()).filter((event) => event.subject === id);
      expect(events.map((event) => event.type)).toEqual([
        'inventory.stock.changed',
        'inventory.stock.replenished',
      ]);
    });

    it('when the decision throws, then nothing of the change is written', async () => {
      const id = sku('THROW');
      await expect(
        fixture.store.change({ skus: [id] }, () => {
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect(await fixture.store.readStock([id])).toEqual([]);
      expect((await fixture.committedEvents()).some((event) => event.subject === id)).toBe(false);
    });

    it('when 30 changes of one SKU race, then none is lost and versions count them', async () => {
      const id = sku('RACE');
      const versions = await Promise.all(Array.from({ length: 30 }, () => bump(id)));
      expect(new Set(versions).size).toBe(30);
      const [record] = await fixture.store.readStock([id]);
      expect(record).toMatchObject({ version: 30 });
      expect(record!.locations[0]!.onHand).toBe(30);
    });

    it('when 200 single-unit reservations race for 10 on hand, then exactly 10 are held', async () => {
      const id = sku('HOT');
      await count(id, 10);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 200 }, (_, i) =>
          reserve(deps, { orderId: `${id}-o${i}`, items: [{ sku: id, quantity: 1 }] }),
        ),
      );
      const held = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      expect(held).toHaveLength(10);
      const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
      expect(refused.every((error) => error.code === 'INVENTORY.INSUFFICIENT_STOCK')).toBe(true);
      const [record] = await fixture.store.readStock([id]);
      expect(record!.locations.reduce((sum, l) => sum + l.reserved, 0)).toBe(10);
    });

    it('when one order reserves 10 times at once, then one reservation is created and every answer is it', async () => {
      const id = sku('ORDER');
      await count(id, 50);
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          reserve(deps, { orderId: `${id}-order`, items: [{ sku: id, quantity: 2 }] }),
        ),
      );
      expect(results.filter((result) => result.created)).toHaveLength(1);
      expect(new Set(results.map((result) => result.reservation.id)).size).toBe(1);
      const [record] = await fixture.store.readStock([id]);
      expect(record!.locations[0]!.reserved).toBe(2);
    });

    it('when a reservation is released twice at once, then its stock returns once', async () => {
      const id = sku('TWICE');
      await count(id, 5);
      const { reservation } = await reserve(deps, {
        orderId: `${id}-o`,
        items: [{ sku: id, quantity: 3 }],
      });
      await Promise.all([
        releaseReservation(deps, reservation.id),
        releaseReservation(deps, reservation.id),
      ]);
      const [record] = await fixture.store.readStock([id]);
      expect(record!.locations[0]).toMatchObject({ onHand: 5, reserved: 0 });
      expect(await fixture.store.reservation(reservation.id)).toMatchObject({ status: 'released' });
    });

    it('when two sweepers expire one due reservation at once, then one expires it and its stock returns once', async () => {
      const id = sku('EXPIRE');
      await count(id, 4);
      const { reservation } = await reserve(deps, {
        orderId: `${id}-o`,
        items: [{ sku: id, quantity: 3 }],
        ttlSeconds: 60,
      });
      clock.advance(60_000);
      const expired = await Promise.all([
        expireReservation(deps, reservation.id),
        expireReservation(deps, reservation.id),
      ]);
      expect(expired.filter(Boolean)).toHaveLength(1);
      const [record] = await fixture.store.readStock([id]);
      expect(record!.locations[0]).toMatchObject({ onHand: 4, reserved: 0 });
      const announced = (await fixture.committedEvents()).filter(
        (event) =>
          event.type === 'inventory.reservation.expired' && event.subject === reservation.id,
      );
      expect(announced).toHaveLength(1);
      expect(await fixture.store.dueReservations(clock.now(), 100)).not.toContain(reservation.id);
    });

    it('when reservations are held, then the due ones come soonest first and released ones never', async () => {
      const id = sku('DUE');
      await count(id, 10);
      const start = clock.now();
      const made = async (order: string, ttlSeconds: number) =>
        (
          await reserve(deps, {
            orderId: `${id}-${order}`,
            items: [{ sku: id, quantity: 1 }],
            ttlSeconds,
          })
        ).reservation.id;
      const late = await made('late', 300);
      const soon = await made('soon', 60);
      const gone = await made('gone', 30);
      await releaseReservation(deps, gone);
      expect(await fixture.store.dueReservations(start + 60_000, 10)).toEqual(
        expect.arrayContaining([soon]),
      );
      const due = await fixture.store.dueReservations(start + 300_000, 10);
      expect(due.indexOf(soon)).toBeLessThan(due.indexOf(late));
      expect(due).not.toContain(gone);
      expect(await fixture.store.nextExpiry()).toBeLessThanOrEqual(start + 60_000);
    });

    const restock = (id: string, key: string, delta = 2, reason = 'order cancelled') =>
      adjustStock(deps, { sku: id, delta, reason, actor: 'orders', idempotencyKey: key });
    const onHandOf = async (id: string) =>
      (await fixture.store.readStock([id]))[0]!.locations[0]!.onHand;

    it('when an adjustment is repeated with its idempotency key, then stock moves once and one audit entry is written', async () => {
      const id = sku('KEYED');
      await count(id, 5);
      const first = await restock(id, 'ord_1:cancel');
      expect(first).toMatchObject({ replayed: false, level: { onHand: 7 } });
      const again = await restock(id, 'ord_1:cancel');
      expect(again).toMatchObject({
        replayed: true,
        level: { onHand: 7, version: first.level.version },
      });
      expect(await onHandOf(id)).toBe(7);
      const trail = await fixture.store.auditTrail(id, 10);
      expect(trail.items.filter((entry) => entry.kind === 'adjustment')).toHaveLength(1);
      const events = (await fixture.committedEvents()).filter((event) => event.subject === id);
      expect(events.filter((event) => event.type === 'inventory.stock.changed')).toHaveLength(2);
      // Another key is another adjustment; no key adjusts every time.
      expect((await restock(id, 'ord_2:cancel')).level.onHand).toBe(9);
      await adjustStock(deps, { sku: id, delta: 1, reason: 'found', actor: 'usr_admin' });
      await adjustStock(deps, { sku: id, delta: 1, reason: 'found', actor: 'usr_admin' });
      expect(await onHandOf(id)).toBe(11);
    });

    it('when a key is used again with another delta, reason or location, then INVENTORY.IDEMPOTENCY_KEY_REUSED and nothing changes', async () => {
      const id = sku('REUSED');
      await count(id, 5);
      await restock(id, 'ret_1:receive');
      for (const change of [
        () => restock(id, 'ret_1:receive', 3),
        () => restock(id, 'ret_1:receive', 2, 'other reason'),
        () =>
          adjustStock(deps, {
            sku: id,
            delta: 2,
            reason: 'order cancelled',
            location: 'wh-west',
            actor: 'orders',
            idempotencyKey: 'ret_1:receive',
          }),
      ])
        await expect(change()).rejects.toMatchObject({ code: 'INVENTORY.IDEMPOTENCY_KEY_REUSED' });
      expect(await onHandOf(id)).toBe(7);
      expect((await fixture.store.auditTrail(id, 10)).items).toHaveLength(2);
      // The key belongs to its SKU: the same key on another SKU is its own adjustment.
      const other = sku('REUSED-OTHER');
      await count(other, 1);
      expect((await restock(other, 'ret_1:receive', 3)).level.onHand).toBe(4);
    });

    it('when one keyed adjustment arrives many times at once, then exactly one changes the stock', async () => {
      const id = sku('KEYRACE');
      await count(id, 10);
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => restock(id, 'ord_race:cancel', 1)),
      );
      expect(answers.filter((answer) => !answer.replayed)).toHaveLength(1);
      expect(answers.every((answer) => answer.level.onHand === 11)).toBe(true);
      expect(await onHandOf(id)).toBe(11);
      const trail = await fixture.store.auditTrail(id, 20);
      expect(trail.items.filter((entry) => entry.kind === 'adjustment')).toHaveLength(1);
    });

    it('when the audit trail is paged, then entries come newest first and the cursor continues', async () => {
      const id = sku('AUDIT');
      for (let onHand = 1; onHand <= 5; onHand += 1) {
        clock.advance(1);
        await count(id, onHand);
      }
      const first = await fixture.store.auditTrail(id, 3);
      expect(first.items.map((entry) => entry.onHand)).toEqual([5, 4, 3]);
      const second = await fixture.store.auditTrail(id, 3, first.nextCursor!);
      expect(second.items.map((entry) => entry.onHand)).toEqual([2, 1]);
      expect(second.nextCursor).toBeNull();
    });
  });
}
