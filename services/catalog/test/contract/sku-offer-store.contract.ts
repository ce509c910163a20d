import { afterEach, describe, expect, it } from 'vitest';
import type { SkuOfferStore } from '../../src/app/ports/sku-offer-store.ts';

export interface SkuOfferStoreContractOptions {
  name: string;
  /** A fresh, empty store; each test closes it. */
  create(): Promise<SkuOfferStore>;
}

const T0 = Date.UTC(2026, 11, 1, 12);
const usd = (amount: number, compareAtAmount?: number) => ({
  amount,
  currency: 'USD',
  ...(compareAtAmount === undefined ? {} : { compareAtAmount }),
});

export function describeSkuOfferStoreContract({
  name,
  create,
}: SkuOfferStoreContractOptions): void {
  describe(`SkuOfferStore contract: ${name}`, () => {
    const open: SkuOfferStore[] = [];
    async function setUp() {
      const store = await create();
      open.push(store);
      return store;
    }
    afterEach(async () => Promise.all(open.splice(0).map((store) => store.close())));

    it('when nothing was heard of a SKU, then it is absent', async () => {
      const store = await setUp();
      expect((await store.getMany(['NONE-1', 'NONE-2'])).size).toBe(0);
      expect((await store.getMany([])).size).toBe(0);
    });

    it('when a price with a compare-at is applied, then it reads back and stock is unknown', async () => {
      const store = await setUp();
      expect(await store.applyPrice({ sku: 'A', price: usd(1_999, 2_999), at: T0 })).toBe(true);
      expect(Object.fromEntries(await store.getMany(['A']))).toEqual({
        A: { sku: 'A', price: usd(1_999, 2_999), available: null },
      });
    });

    it('when an older price arrives after a newer one, then it is dropped and the newer kept', async () => {
      const store = await setUp();
      await store.applyPrice({ sku: 'A', price: usd(1_500), at: T0 + 1_000 });
      expect(await store.applyPrice({ sku: 'A', price: usd(9_999, 12_000), at: T0 })).toBe(false);
      expect((await store.getMany(['A'])).get('A')?.price).toEqual(usd(1_500));
    });

    it('when a later price has no compare-at, then the compare-at is gone', async () => {
      const store = await setUp();
      await store.applyPrice({ sku: 'A', price: usd(1_500, 2_000), at: T0 });
      expect(await store.applyPrice({ sku: 'A', price: usd(2_000), at: T0 + 1 })).toBe(true);
      expect((await store.getMany(['A'])).get('A')?.price).toEqual(usd(2_000));
    });

    it('when a price ends, then the SKU is unpriced and a late older price does not revive it', async () => {
      const store = await setUp();
      await store.applyPrice({ sku: 'A', price: usd(1_500), at: T0 });
      await store.applyStock({ sku: 'A', available: 3, version: 1 });
      expect(await store.applyPrice({ sku: 'A', price: null, at: T0 + 10 })).toBe(true);
      expect(await store.applyPrice({ sku: 'A', price: usd(1_500), at: T0 + 5 })).toBe(false);
      expect((await store.getMany(['A'])).get('A')).toEqual({
        sku: 'A',
        price: null,
        available: 3,
      });
    });

    it('when stock versions arrive out of order or twice, then only a higher version is applied', async () => {
      const store = await setUp();
      expect(await store.applyStock({ sku: 'S', available: 7, version: 2 })).toBe(true);
      expect(await store.applyStock({ sku: 'S', available: 9, version: 1 })).toBe(false);
      expect(await store.applyStock({ sku: 'S', available: 7, version: 2 })).toBe(false);
      expect(await store.applyStock({ sku: 'S', available: 0, version: 3 })).toBe(true);
      expect((await store.getMany(['S'])).get('S')).toEqual({
        sku: 'S',
        price: null,
        available: 0,
      });
    });

    it('when stock comes first and a price later, then each keeps the other', async () => {
      const store = await setUp();
      await store.applyStock({ sku: 'B', available: 4, version: 5 });
      await store.applyPrice({ sku: 'B', price: usd(500), at: T0 });
      await store.applyStock({ sku: 'B', available: 2, version: 6 });
      expect((await store.getMany(['B'])).get('B')).toEqual({
        sku: 'B',
        price: usd(500),
        available: 2,
      });
    });

    it('when a batch of updates is applied at once, then each follows the same rule in order and the changed SKUs are named', async () => {
      const store = await setUp();
      await store.applyStock({ sku: 'OLD', available: 5, version: 9 });
      const changed = await store.applyAll([
        { kind: 'price', sku: 'A', price: usd(1_000), at: T0 },
        { kind: 'stock', sku: 'A', available: 4, version: 1 },
        { kind: 'price', sku: 'A', price: usd(900, 1_000), at: T0 + 1 },
        { kind: 'stock', sku: 'A', available: 9, version: 0 },
        { kind: 'stock', sku: 'OLD', available: 1, version: 8 },
        { kind: 'price', sku: 'B', price: null, at: T0 },
      ]);
      expect([...changed].sort()).toEqual(['A', 'B']);
      expect(Object.fromEntries(await store.getMany(['A', 'B', 'OLD']))).toEqual({
        A: { sku: 'A', price: usd(900, 1_000), available: 4 },
        B: { sku: 'B', price: null, available: null },
        OLD: { sku: 'OLD', price: null, available: 5 },
      });
      expect((await store.applyAll([])).size).toBe(0);
    });

    it('when many SKUs are read at once, then every known one is returned', async () => {
      const store = await setUp();
      const skus = Array.from({ length: 130 }, (_, index) => `MANY-${index}`);
      for (const [index, sku] of skus.entries())
        await store.applyPrice({ sku, price: usd(100 + index), at: T0 });
      const offers = await store.getMany([...skus, 'MANY-UNKNOWN', 'MANY-0']);
      expect(offers.size).toBe(130);
      expect(offers.get('MANY-129')?.price).toEqual(usd(229));
    });
  });
}
