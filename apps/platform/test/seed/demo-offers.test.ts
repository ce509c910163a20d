import { describe, expect, it } from 'vitest';
import { generateDemoCatalog } from '../../src/seed/demo-catalog.ts';
import {
  DEMO_LOCATIONS,
  LOW_STOCK_THRESHOLD,
  generateDemoOffers,
  type SkuOfferPlan,
} from '../../src/seed/demo-offers.ts';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const catalog = generateDemoCatalog({ seed: 42, productCount: 600 });
const plan = generateDemoOffers(catalog, { seed: 42, now: NOW });

/** The price each currency ends with (scheduled windows aside): the last write without validFrom. */
const lastPrice = (entry: SkuOfferPlan, currency: string) =>
  entry.prices.filter((p) => p.currency === currency && p.validFrom === undefined).at(-1);
const onHand = (entry: SkuOfferPlan) => entry.stock.reduce((sum, write) => sum + write.onHand, 0);

describe('generateDemoOffers', () => {
  it('when generated twice with the same seed and time, then the writes are deep-equal; another seed differs', () => {
    expect(generateDemoOffers(catalog, { seed: 42, now: NOW })).toEqual(plan);
    expect(generateDemoOffers(catalog, { seed: 43, now: NOW })).not.toEqual(plan);
  });

  it('when planned, then every SKU of the catalog gets a USD and an EUR price in integer minor units', () => {
    const skus = catalog.products.flatMap((product) => product.variants.map((v) => v.sku));
    expect(plan.map((entry) => entry.sku)).toEqual(skus);
    for (const entry of plan) {
      for (const currency of ['USD', 'EUR']) expect(lastPrice(entry, currency)).toBeDefined();
      for (const price of entry.prices) {
        expect(Number.isSafeInteger(price.amount) && price.amount > 0).toBe(true);
        if (price.compareAtAmount !== undefined)
          expect(price.compareAtAmount).toBeGreaterThan(price.amount);
      }
    }
  });

  it('when planned, then some SKUs are on sale now, a few end on their own and a few start later', () => {
    const products = (test: (entry: SkuOfferPlan) => boolean) =>
      new Set(plan.filter(test).map((entry) => entry.sku.split('-').slice(0, 3).join('-'))).size;
    const markdowns = products((e) => lastPrice(e, 'USD')?.compareAtAmount !== undefined);
    const ending = products((e) => e.prices.some((p) => p.validTo && !p.validFrom));
    const scheduled = products((e) => e.prices.some((p) => p.validFrom !== undefined));
    expect(markdowns).toBeGreaterThan(60);
    expect(ending).toBeGreaterThan(15);
    expect(scheduled).toBeGreaterThan(10);
    for (const price of plan.flatMap((entry) => entry.prices)) {
      const from = price.validFrom ? Date.parse(price.validFrom) : NOW;
      if (price.validFrom) expect(from).toBeGreaterThan(NOW);
      if (price.validTo) expect(Date.parse(price.validTo)).toBeGreaterThan(from);
    }
  });

  it('when a SKU is marked down, then an earlier lower price comes first, so its 30-day lowest is below the compare-at', () => {
    const markdown = plan.find((e) => lastPrice(e, 'USD')?.compareAtAmount !== undefined)!;
    const usd = markdown.prices.filter((p) => p.currency === 'USD');
    expect(usd).toHaveLength(3);
    expect(usd[0]!.amount).toBeLessThan(usd[2]!.amount);
    expect(usd[1]!.amount).toBe(usd[2]!.compareAtAmount);
  });

  it('when planned, then stock is spread over both warehouses, with some SKUs low and some sold out', () => {
    const locations = new Set(plan.flatMap((entry) => entry.stock.map((write) => write.location)));
    expect([...locations].sort()).toEqual([...DEMO_LOCATIONS]);
    const soldOut = plan.filter((entry) => onHand(entry) === 0).length;
    const low = plan.filter(
      (entry) => onHand(entry) > 0 && onHand(entry) <= LOW_STOCK_THRESHOLD,
    ).length;
    expect(soldOut).toBeGreaterThan(plan.length * 0.03);
    expect(low).toBeGreaterThan(plan.length * 0.05);
    expect(soldOut + low).toBeLessThan(plan.length * 0.5);
    const split = plan.filter((entry) => entry.stock.length === 2).length;
    expect(split).toBeGreaterThan(plan.length * 0.1);
    for (const entry of plan) expect(entry.stock.length).toBeGreaterThan(0);
  });

  it('when limited to fewer products, then only their SKUs are planned, with the same writes', () => {
    const first = generateDemoOffers(catalog, { seed: 42, now: NOW, productLimit: 10 });
    expect(first).toEqual(plan.slice(0, first.length));
    expect(new Set(first.map((e) => e.sku))).toEqual(
      new Set(catalog.products.slice(0, 10).flatMap((p) => p.variants.map((v) => v.sku))),
    );
  });
});
