import {
  PRICING_SOURCE,
  INVENTORY_SOURCE,
  PriceChangedV1,
  StockChangedV1,
} from '@emporium/contracts';
import { createEvent, type CloudEvent } from '@emporium/kit';
import { eventually } from '@emporium/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleProduct, startCatalog, type CatalogHarness } from './harness.ts';

interface SearchBody {
  items: {
    productId: string;
    price: { amount: number; currency: string } | null;
    compareAtPrice: { amount: number; currency: string } | null;
    inStock: boolean;
  }[];
  total: number;
  facets: { price: { from: number; to: number | null; count: number }[] };
}

let clock = Date.parse('2026-12-01T12:00:00Z');
const nextAt = () => new Date((clock += 1_000)).toISOString();

function priceChanged(
  sku: string,
  current: { amount: number; compareAtAmount?: number } | null,
  options: { currency?: string; at?: string } = {},
): CloudEvent {
  return PriceChangedV1.create({
    source: PRICING_SOURCE,
    subject: sku,
    data: {
      sku,
      currency: options.currency ?? 'USD',
      previous: null,
      current,
      at: options.at ?? nextAt(),
    },
  });
}

function stockChanged(sku: string, available: number, version: number): CloudEvent {
  return StockChangedV1.create({
    source: INVENTORY_SOURCE,
    subject: sku,
    data: { sku, onHand: available, reserved: 0, available, version, at: nextAt(), cause: 'set' },
  });
}

describe('price and stock events feed search', () => {
  let catalog: CatalogHarness;
  beforeAll(async () => {
    catalog = await startCatalog();
  });
  afterAll(async () => catalog.close());

  const search = async (query: string): Promise<SearchBody> =>
    (await catalog.service.app.inject({ url: `/search?${query}` })).json<SearchBody>();
  const publish = (...events: CloudEvent[]) => catalog.service.bus!.publish(events);
  const settle = () => catalog.service.bus!.drain();

  /** Creates a product with `skus` variants and waits until search has indexed it. */
  async function indexedProduct(brand: string, skus: string[]): Promise<string> {
    const created = await catalog.service.app.inject({
      method: 'POST',
      url: '/products',
      headers: catalog.admin,
      payload: sampleProduct({
        brand,
        variants: skus.map((sku) => ({ sku, options: { v: sku } })),
      }),
    });
    await settle();
    return created.json<{ id: string }>().id;
  }

  /** Milliseconds from publishing `event` until `probe` sees its effect through GET /search. */
  async function timeUntilSearchShows(event: CloudEvent, probe: () => Promise<boolean>) {
    const started = performance.now();
    await publish(event);
    await eventually(probe, 5_000);
    return performance.now() - started;
  }

  it('when a price change is published, then search and its price facet show it within a second', async () => {
    const id = await indexedProduct('Facetone', ['FAST-1']);
    const shows = async () => {
      const body = await search('brand=Facetone&minPrice=30000&maxPrice=30000');
      return (
        body.items[0]?.price?.amount === 30_000 &&
        body.facets.price.some((b) => b.from === 25_000 && b.count === 1)
      );
    };
    const ms = await timeUntilSearchShows(priceChanged('FAST-1', { amount: 30_000 }), shows);
    expect(ms).toBeLessThan(1_000);
    expect((await search('brand=Facetone')).items[0]).toMatchObject({
      productId: id,
      price: { amount: 30_000, currency: 'USD' },
    });
  });

  it('when a stock change is published, then inStock=true finds the product within a second', async () => {
    const id = await indexedProduct('Stockwell', ['FAST-2']);
    expect((await search('brand=Stockwell&inStock=true')).total).toBe(0);
    const ms = await timeUntilSearchShows(
      stockChanged('FAST-2', 4, 1),
      async () => (await search('brand=Stockwell&inStock=true')).items[0]?.productId === id,
    );
    expect(ms).toBeLessThan(1_000);
  });

  it('when variants have prices, then the product shows the lowest with its compare-at, and is in stock if any variant is', async () => {
    const id = await indexedProduct('Lowpoint', ['LOW-A', 'LOW-B', 'LOW-C']);
    await publish(
      priceChanged('LOW-A', { amount: 5_000 }),
      priceChanged('LOW-B', { amount: 3_500, compareAtAmount: 4_500 }),
      priceChanged('LOW-C', { amount: 4_000 }),
      stockChanged('LOW-A', 0, 1),
      stockChanged('LOW-C', 2, 1),
    );
    await settle();
    expect((await search('brand=Lowpoint')).items[0]).toMatchObject({
      productId: id,
      price: { amount: 3_500, currency: 'USD' },
      compareAtPrice: { amount: 4_500, currency: 'USD' },
      inStock: true,
    });

    await publish(priceChanged('LOW-B', null), stockChanged('LOW-C', 0, 2));
    await settle();
    expect((await search('brand=Lowpoint')).items[0]).toMatchObject({
      price: { amount: 4_000, currency: 'USD' },
      compareAtPrice: null,
      inStock: false,
    });
  });

  it('when prices and stock arrive before the product, then indexing it shows them', async () => {
    await publish(
      priceChanged('EARLY-1', { amount: 1_250, compareAtAmount: 2_500 }),
      stockChanged('EARLY-1', 9, 3),
    );
    await settle();
    const id = await indexedProduct('Earlybird', ['EARLY-1']);
    expect((await search('brand=Earlybird&inStock=true&sort=price_asc')).items[0]).toMatchObject({
      productId: id,
      price: { amount: 1_250, currency: 'USD' },
      compareAtPrice: { amount: 2_500, currency: 'USD' },
      inStock: true,
    });
  });

  it('when an older price, another currency or an older stock figure arrives late, then search keeps the newer one', async () => {
    await indexedProduct('Latecomer', ['LATE-1']);
    const newer = nextAt();
    await publish(
      priceChanged('LATE-1', { amount: 2_000 }, { at: newer }),
      stockChanged('LATE-1', 5, 7),
    );
    await settle();
    const generation = catalog.service.stores.changes.value;
    await publish(
      priceChanged(
        'LATE-1',
        { amount: 100 },
        { at: new Date(Date.parse(newer) - 60_000).toISOString() },
      ),
      priceChanged('LATE-1', { amount: 90 }, { currency: 'EUR' }),
      stockChanged('LATE-1', 0, 6),
    );
    await settle();
    expect((await search('brand=Latecomer')).items[0]).toMatchObject({
      price: { amount: 2_000, currency: 'USD' },
      inStock: true,
    });
    // Late figures change nothing, and cached product reads are kept.
    expect(catalog.service.stores.changes.value).toBe(generation);
  });

  it('when a price changes what search answers, then search shows it and cached product reads are kept', async () => {
    await indexedProduct('Cachebust', ['BUST-1']);
    const generation = catalog.service.stores.changes.value;
    await publish(priceChanged('BUST-1', { amount: 777 }), stockChanged('BUST-1', 0, 1));
    await settle();
    expect((await search('brand=Cachebust')).items[0]).toMatchObject({
      price: { amount: 777, currency: 'USD' },
      inStock: false,
    });
    // Product documents carry no price or stock: a burst of price events must not empty the cache.
    expect(catalog.service.stores.changes.value).toBe(generation);
  });

  it('when one delivery batch carries many figures of a SKU and a broken event, then search shows the latest and only the broken one is dead-lettered', async () => {
    await indexedProduct('Burst', ['BURST-1', 'BURST-2']);
    const deadBefore = (await catalog.service.bus!.stats()).deadLetters;
    const broken = createEvent({
      source: INVENTORY_SOURCE,
      type: StockChangedV1.type,
      subject: 'BURST-2',
      data: { sku: 'BURST-2', available: 'many' },
    });
    await publish(
      priceChanged('BURST-1', { amount: 1_500 }),
      stockChanged('BURST-1', 3, 1),
      stockChanged('BURST-1', 2, 2),
      broken,
      priceChanged('BURST-1', { amount: 1_200, compareAtAmount: 1_500 }),
      stockChanged('BURST-1', 0, 4),
      stockChanged('BURST-1', 1, 3),
      stockChanged('BURST-2', 0, 1),
    );
    await settle();
    expect((await search('brand=Burst')).items[0]).toMatchObject({
      price: { amount: 1_200, currency: 'USD' },
      compareAtPrice: { amount: 1_500, currency: 'USD' },
      inStock: false,
    });
    expect((await catalog.service.bus!.stats()).deadLetters).toBe(deadBefore + 1);
  });
});
