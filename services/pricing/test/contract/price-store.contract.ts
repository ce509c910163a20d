import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PriceChangedV1 } from '@emporium/contracts';
import type { PricingStorage } from '../../src/adapters/storage/pricing-storage.ts';
import type { PriceInput } from '../../src/domain/price.ts';
import { priceBatchCases } from './price-batch.cases.ts';

type PriceChangedData = ReturnType<typeof PriceChangedV1.create>['data'];

/** A fresh, empty database; `replica()` opens a second store on the same one. */
export interface PriceStoreFixture {
  storage: PricingStorage;
  replica(): Promise<PricingStorage>;
  close(): Promise<void>;
}

export interface PriceStoreContractOptions {
  name: string;
  create(): Promise<PriceStoreFixture>;
  capabilities: {
    /** Replicas on other connections write at the same moment (PostgreSQL); SQLite has one writer process. */
    concurrentReplicas: boolean;
  };
}

const T0 = Date.parse('2026-12-01T00:00:00Z');
const HOUR = 3600_000;
const DAY = 24 * HOUR;

const price = (overrides: Partial<PriceInput> = {}): PriceInput => ({
  sku: 'SKU-1',
  currency: 'USD',
  amount: 1000,
  minQuantity: 1,
  ...overrides,
});

/** Applies every boundary due at `now`, as the scheduler's pass does. */
async function applyDue(storage: PricingStorage, now: number): Promise<void> {
  for (let i = 0; i < 100; i++)
    if ((await storage.prices.applyNextBoundary(now)).kind === 'idle') return;
}

async function priceEvents(storage: PricingStorage): Promise<PriceChangedData[]> {
  const pending = await storage.outbox.pending(1000);
  return pending
    .filter(({ event }) => event.type === 'pricing.price.changed')
    .map(({ event }) => event.data as PriceChangedData);
}

export function describePriceStoreContract({
  name,
  create,
  capabilities,
}: PriceStoreContractOptions): void {
  describe(`PriceStore contract (${name})`, () => {
    let fixture: PriceStoreFixture;
    let storage: PricingStorage;
    beforeEach(async () => {
      fixture = await create();
      storage = fixture.storage;
    });
    afterEach(() => fixture.close());
    priceBatchCases(() => ({ storage, replica: () => fixture.replica() }), capabilities);

    it('when a base price is set, then it is current with version 1, its own 30-day lowest and an event', async () => {
      const current = await storage.prices.setPrice(price({ compareAtAmount: 1500 }), T0);
      expect(current).toMatchObject({
        sku: 'SKU-1',
        currency: 'USD',
        amount: 1000,
        compareAtAmount: 1500,
        lowest30Days: 1000,
        version: 1,
        startedAt: T0,
        tiers: [],
      });
      expect(await storage.prices.current('SKU-1', 'USD')).toEqual(current);
      expect(await storage.prices.current('SKU-1', 'EUR')).toBeUndefined();
      expect(await priceEvents(storage)).toEqual([
        {
          sku: 'SKU-1',
          currency: 'USD',
          previous: null,
          current: { amount: 1000, compareAtAmount: 1500, lowest30Days: 1000 },
          at: new Date(T0).toISOString(),
        },
      ]);
    });

    it('when the same price is set again, then nothing changes and no event is added', async () => {
      await storage.prices.setPrice(price(), T0);
      const again = await storage.prices.setPrice(price(), T0 + HOUR);
      expect(again).toMatchObject({ version: 1, startedAt: T0 });
      expect(await priceEvents(storage)).toHaveLength(1);
    });

    it('when a price changes, then history lists both periods newest first, the old one closed', async () => {
      await storage.prices.setPrice(price({ amount: 1000 }), T0);
      await storage.prices.setPrice(price({ amount: 800 }), T0 + DAY);
      const page = await storage.prices.history('SKU-1', 'USD', { limit: 10 });
      expect(page.items).toEqual([
        { amount: 800, lowest30Days: 1000, validFrom: T0 + DAY, validTo: null },
        { amount: 1000, lowest30Days: 1000, validFrom: T0, validTo: T0 + DAY },
      ]);
      expect(page.nextAfter).toBeUndefined();
      const events = await priceEvents(storage);
      expect(events[1]).toMatchObject({
        previous: { amount: 1000 },
        current: { amount: 800, lowest30Days: 1000 },
      });
    });

    it('when history has more items than the limit, then pages follow each other without gaps', async () => {
      for (let i = 0; i < 5; i++)
        await storage.prices.setPrice(price({ amount: 100 + i }), T0 + i * HOUR);
      const first = await storage.prices.history('SKU-1', 'USD', { limit: 2 });
      const second = await storage.prices.history('SKU-1', 'USD', {
        limit: 2,
        after: first.nextAfter!,
      });
      const third = await storage.prices.history('SKU-1', 'USD', {
        limit: 2,
        after: second.nextAfter!,
      });
      expect([...first.items, ...second.items, ...third.items].map((item) => item.amount)).toEqual([
        104, 103, 102, 101, 100,
      ]);
      expect(third.nextAfter).toBeUndefined();
    });

    it('when the lowest price of the 30 days before a change is older than 30 days, then it no longer counts', async () => {
      await storage.prices.setPrice(price({ amount: 500 }), T0);
      await storage.prices.setPrice(price({ amount: 900 }), T0 + DAY);
      await storage.prices.setPrice(price({ amount: 700 }), T0 + 40 * DAY);
      expect(await storage.prices.current('SKU-1', 'USD')).toMatchObject({
        amount: 700,
        lowest30Days: 900,
      });
    });

    it('when a batch is read, then every priced SKU of that currency comes back and unknown ones are absent', async () => {
      await storage.prices.setPrice(price({ sku: 'A', amount: 1 }), T0);
      await storage.prices.setPrice(price({ sku: 'B', amount: 2 }), T0);
      await storage.prices.setPrice(price({ sku: 'B', currency: 'EUR', amount: 3 }), T0);
      const items = await storage.prices.currentMany(['A', 'B', 'NOPE'], 'USD');
      expect(items.map((item) => [item.sku, item.amount]).sort()).toEqual([
        ['A', 1],
        ['B', 2],
      ]);
      expect(await storage.prices.currentMany([], 'USD')).toEqual([]);
    });

    it('when tier prices are set, then they come with the unit price and bump its version without an event', async () => {
      await storage.prices.setPrice(price({ amount: 1000 }), T0);
      await storage.prices.setPrice(price({ amount: 800, minQuantity: 10 }), T0);
      const current = await storage.prices.setPrice(price({ amount: 900, minQuantity: 5 }), T0);
      expect(current).toMatchObject({
        amount: 1000,
        version: 3,
        tiers: [
          { minQuantity: 5, amount: 900 },
          { minQuantity: 10, amount: 800 },
        ],
      });
      expect(await priceEvents(storage)).toHaveLength(1);
    });

    it('when only a tier price exists, then the SKU has no current price', async () => {
      await storage.prices.setPrice(price({ amount: 800, minQuantity: 10 }), T0);
      expect(await storage.prices.current('SKU-1', 'USD')).toBeUndefined();
      expect(await storage.prices.currentMany(['SKU-1'], 'USD')).toEqual([]);
    });

    it('when a precondition refuses the current version, then VERSION_MISMATCH and nothing is written', async () => {
      await storage.prices.setPrice(price({ amount: 1000 }), T0);
      await expect(
        storage.prices.setPrice(price({ amount: 1 }), T0, (version) => version === 7),
      ).rejects.toMatchObject({ code: 'PRICING.VERSION_MISMATCH' });
      expect(await storage.prices.current('SKU-1', 'USD')).toMatchObject({
        amount: 1000,
        version: 1,
      });
      const accepted = await storage.prices.setPrice(
        price({ amount: 2 }),
        T0,
        (version) => version === 1,
      );
      expect(accepted).toMatchObject({ amount: 2, version: 2 });
    });

    it('when a scheduled window passes, then its boundaries start and end it with an event each', async () => {
      await storage.prices.setPrice(price({ amount: 1000 }), T0);
      const sale = price({
        amount: 700,
        compareAtAmount: 1000,
        validFrom: T0 + DAY,
        validTo: T0 + 2 * DAY,
      });
      expect(await storage.prices.setPrice(sale, T0)).toMatchObject({ amount: 1000 });
      expect(await storage.prices.nextBoundary()).toBe(T0 + DAY);
      expect(await storage.prices.applyNextBoundary(T0 + DAY - 1)).toEqual({ kind: 'idle' });
      expect(await storage.prices.applyNextBoundary(T0 + DAY + 5)).toEqual({
        kind: 'applied',
        at: T0 + DAY,
      });
      expect(await storage.prices.current('SKU-1', 'USD')).toMatchObject({
        amount: 700,
        compareAtAmount: 1000,
        lowest30Days: 1000,
        startedAt: T0 + DAY,
      });
      expect(await storage.prices.nextBoundary()).toBe(T0 + 2 * DAY);
      expect(await storage.prices.applyNextBoundary(T0 + 3 * DAY)).toEqual({
        kind: 'applied',
        at: T0 + 2 * DAY,
      });
      expect(await storage.prices.current('SKU-1', 'USD')).toMatchObject({
        amount: 1000,
        lowest30Days: 700,
      });
      expect(await storage.prices.nextBoundary()).toBeUndefined();
      expect(await storage.prices.applyNextBoundary(T0 + 3 * DAY)).toEqual({ kind: 'idle' });
      const events = await priceEvents(storage);
      expect(events.slice(1)).toEqual([
        expect.objectContaining({
          previous: { amount: 1000, lowest30Days: 1000 },
          current: { amount: 700, compareAtAmount: 1000, lowest30Days: 1000 },
          at: new Date(T0 + DAY).toISOString(),
        }),
        expect.objectContaining({
          previous: { amount: 700, compareAtAmount: 1000, lowest30Days: 1000 },
          current: { amount: 1000, lowest30Days: 700 },
          at: new Date(T0 + 2 * DAY).toISOString(),
        }),
      ]);
    });

    it('when windows overlap, then the latest set wins inside its window and the other resumes after it', async () => {
      await storage.prices.setPrice(price({ amount: 1000 }), T0);
      await storage.prices.setPrice(
        price({ amount: 900, validFrom: T0 + DAY, validTo: T0 + 4 * DAY }),
        T0,
      );
      await storage.prices.setPrice(
        price({ amount: 800, validFrom: T0 + 2 * DAY, validTo: T0 + 3 * DAY }),
        T0 + 1,
      );
      const seen: number[] = [];
      for (const at of [1, 2, 3, 4].map((days) => T0 + days * DAY)) {
        expect(await storage.prices.applyNextBoundary(at)).toEqual({ kind: 'applied', at });
        seen.push((await storage.prices.current('SKU-1', 'USD'))!.amount);
      }
      expect(seen).toEqual([900, 800, 900, 1000]);
    });

    it('when a window is in force, then a new base price waits for the window to end', async () => {
      await storage.prices.setPrice(price({ amount: 1000 }), T0);
      await storage.prices.setPrice(price({ amount: 700, validTo: T0 + DAY }), T0);
      expect(await storage.prices.current('SKU-1', 'USD')).toMatchObject({ amount: 700 });
      await storage.prices.setPrice(price({ amount: 1200 }), T0 + HOUR);
      expect(await storage.prices.current('SKU-1', 'USD')).toMatchObject({ amount: 700 });
      await applyDue(storage, T0 + DAY);
      expect(await storage.prices.current('SKU-1', 'USD')).toMatchObject({ amount: 1200 });
    });

    it('when a scheduled base starts, then it replaces the base until a later base is set', async () => {
      await storage.prices.setPrice(price({ amount: 1000 }), T0);
      await storage.prices.setPrice(price({ amount: 1100, validFrom: T0 + DAY }), T0);
      expect(await storage.prices.applyNextBoundary(T0 + DAY)).toEqual({
        kind: 'applied',
        at: T0 + DAY,
      });
      expect(await storage.prices.current('SKU-1', 'USD')).toMatchObject({ amount: 1100 });
      await storage.prices.setPrice(price({ amount: 1050 }), T0 + 2 * DAY);
      expect(await storage.prices.current('SKU-1', 'USD')).toMatchObject({ amount: 1050 });
    });

    it('when the only price ends, then the SKU has none, the event says so and the version keeps counting', async () => {
      await storage.prices.setPrice(price({ amount: 500, validTo: T0 + DAY }), T0);
      await applyDue(storage, T0 + DAY);
      expect(await storage.prices.current('SKU-1', 'USD')).toBeUndefined();
      expect((await priceEvents(storage)).at(-1)).toMatchObject({
        previous: { amount: 500 },
        current: null,
      });
      const again = await storage.prices.setPrice(price({ amount: 600 }), T0 + 2 * DAY);
      expect(again).toMatchObject({ amount: 600, version: 3, lowest30Days: 500 });
    });

    it('when boundaries are applied after a later PUT, then they never rewind it and history stays in order', async () => {
      await storage.prices.setPrice(price({ amount: 1000 }), T0);
      await storage.prices.setPrice(
        price({ amount: 700, validFrom: T0 + DAY, validTo: T0 + 2 * DAY }),
        T0,
      );
      // The scheduler lagged: neither boundary is applied when the next PUT lands.
      await storage.prices.setPrice(price({ amount: 1200 }), T0 + 2 * DAY + HOUR);
      await applyDue(storage, T0 + 3 * DAY);
      expect(await storage.prices.current('SKU-1', 'USD')).toMatchObject({ amount: 1200 });
      const { items } = await storage.prices.history('SKU-1', 'USD', { limit: 10 });
      expect(items.map((item) => [item.amount, item.validFrom, item.validTo])).toEqual([
        [1200, T0 + 2 * DAY + HOUR, null],
        [1000, T0, T0 + 2 * DAY + HOUR],
      ]);
    });

    it('when two replicas apply the same boundary at once, then it is applied once with one event', async () => {
      await storage.prices.setPrice(price({ amount: 1000 }), T0);
      await storage.prices.setPrice(
        price({ amount: 700, validFrom: T0 + DAY, validTo: T0 + 2 * DAY }),
        T0,
      );
      const other = await fixture.replica();
      try {
        const both = [storage, other].map(
          (replica) => () => replica.prices.applyNextBoundary(T0 + DAY),
        );
        const outcomes = capabilities.concurrentReplicas
          ? await Promise.all(both.map((apply) => apply()))
          : [await both[0]!(), await both[1]!()];
        expect(outcomes.filter((outcome) => outcome.kind === 'applied')).toHaveLength(1);
        expect(await other.prices.applyNextBoundary(T0 + DAY)).toEqual({ kind: 'idle' });
      } finally {
        await other.close();
      }
      expect(await priceEvents(storage)).toHaveLength(2);
      expect(await storage.prices.current('SKU-1', 'USD')).toMatchObject({
        amount: 700,
        version: 2,
      });
    });
  });
}
