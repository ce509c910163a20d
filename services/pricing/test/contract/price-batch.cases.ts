import { expect, it } from 'vitest';
import type { PriceChangedV1 } from '@emporium/contracts';
import type { PricingStorage } from '../../src/adapters/storage/pricing-storage.ts';
import type { PriceInput } from '../../src/domain/price.ts';

type PriceChangedData = ReturnType<typeof PriceChangedV1.create>['data'];

const T0 = Date.parse('2026-12-01T00:00:00Z');
const HOUR = 3600_000;
const DAY = 24 * HOUR;

const price = (sku: string, overrides: Partial<PriceInput> = {}): PriceInput => ({
  sku,
  currency: 'USD',
  amount: 1000,
  minQuantity: 1,
  ...overrides,
});

async function priceEvents(storage: PricingStorage): Promise<PriceChangedData[]> {
  const pending = await storage.outbox.pending(1000);
  return pending
    .filter(({ event }) => event.type === 'pricing.price.changed')
    .map(({ event }) => event.data as PriceChangedData);
}

/** `setPrices`, the batch write: cases run inside the PriceStore contract's describe. */
export function priceBatchCases(
  fixture: () => { storage: PricingStorage; replica(): Promise<PricingStorage> },
  capabilities: { concurrentReplicas: boolean },
): void {
  it('when a batch sets prices of several SKUs and currencies, then each is current, with one event each, answered in order', async () => {
    const { storage } = fixture();
    const answer = await storage.prices.setPrices(
      [
        price('B-1', { compareAtAmount: 1500 }),
        price('B-1', { currency: 'EUR', amount: 900 }),
        price('B-2', { amount: 250 }),
      ],
      T0,
    );
    expect(answer.map((current) => [current?.sku, current?.currency, current?.amount])).toEqual([
      ['B-1', 'USD', 1000],
      ['B-1', 'EUR', 900],
      ['B-2', 'USD', 250],
    ]);
    expect(await storage.prices.current('B-1', 'EUR')).toMatchObject({ amount: 900, version: 1 });
    expect(await storage.prices.current('B-1', 'USD')).toMatchObject({ compareAtAmount: 1500 });
    const events = await priceEvents(storage);
    expect(events.map((event) => `${event.sku}/${event.currency}`).sort()).toEqual([
      'B-1/EUR',
      'B-1/USD',
      'B-2/USD',
    ]);
  });

  it('when a batch changes prices, then history, lowest-30-days and events are those single writes give', async () => {
    const { storage } = fixture();
    for (const sku of ['ONE', 'MANY']) await storage.prices.setPrice(price(sku), T0);
    await storage.prices.setPrice(price('ONE', { amount: 800 }), T0 + DAY);
    await storage.prices.setPrice(price('ONE', { amount: 700, minQuantity: 10 }), T0 + DAY);
    await storage.prices.setPrices(
      [price('MANY', { amount: 800 }), price('MANY', { amount: 700, minQuantity: 10 })],
      T0 + DAY,
    );
    const [one, many] = await Promise.all(
      ['ONE', 'MANY'].map((sku) => storage.prices.current(sku, 'USD')),
    );
    expect({ ...many, sku: 'ONE' }).toEqual(one);
    expect(one).toMatchObject({ amount: 800, lowest30Days: 1000, version: 3 });
    const histories = await Promise.all(
      ['ONE', 'MANY'].map((sku) => storage.prices.history(sku, 'USD', { limit: 10 })),
    );
    expect(histories[1]!.items).toEqual(histories[0]!.items);
    const events = await priceEvents(storage);
    const of = (sku: string) =>
      events.filter((event) => event.sku === sku).map(({ sku: _, ...rest }) => rest);
    expect(of('MANY')).toEqual(of('ONE'));
  });

  it('when a batch repeats a key, then the later item wins and both answers show the final price', async () => {
    const { storage } = fixture();
    const answer = await storage.prices.setPrices(
      [price('B-1', { amount: 1000 }), price('B-1', { amount: 900 })],
      T0,
    );
    expect(answer.map((current) => current?.amount)).toEqual([900, 900]);
    expect(await storage.prices.current('B-1', 'USD')).toMatchObject({ amount: 900 });
  });

  it('when a batch holds a scheduled price, then it answers nothing yet and the boundary applies it later', async () => {
    const { storage } = fixture();
    const answer = await storage.prices.setPrices(
      [price('B-1'), price('B-2', { amount: 500, validFrom: T0 + HOUR, validTo: T0 + DAY })],
      T0,
    );
    expect(answer[1]).toBeUndefined();
    expect(await storage.prices.nextBoundary()).toBe(T0 + HOUR);
    expect(await storage.prices.applyNextBoundary(T0 + HOUR)).toEqual({
      kind: 'applied',
      at: T0 + HOUR,
    });
    expect(await storage.prices.current('B-2', 'USD')).toMatchObject({ amount: 500 });
  });

  it('when two replicas write batches over the same keys in opposite orders, then both commit', async () => {
    const { storage, replica } = fixture();
    const other = await replica();
    try {
      const keys = ['B-1', 'B-2', 'B-3', 'B-4'];
      const forward = keys.map((sku) => price(sku, { amount: 100 }));
      const backward = [...keys].reverse().map((sku) => price(sku, { amount: 200 }));
      const writes = [
        () => storage.prices.setPrices(forward, T0),
        () => other.prices.setPrices(backward, T0 + 1),
      ];
      if (capabilities.concurrentReplicas) await Promise.all(writes.map((write) => write()));
      else for (const write of writes) await write();
      const versions = await Promise.all(
        keys.map(async (sku) => (await storage.prices.current(sku, 'USD'))?.version),
      );
      expect(versions).toEqual([2, 2, 2, 2]);
    } finally {
      await other.close();
    }
  });
}
