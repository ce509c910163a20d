import type { CloudEvent } from '@emporium/kit';
import { eventually, ManualClock } from '@emporium/kit/testing';
import { PricingTopics } from '@emporium/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPricing, type PricingHarness } from './harness.ts';

const HOUR = 3600_000;

describe('scheduled prices start and end on the injected clock (acceptance 3)', () => {
  let clock: ManualClock;
  let pricing: PricingHarness;
  const published: CloudEvent[] = [];

  const at = (hours: number) => new Date(clock.now() + hours * HOUR).toISOString();
  const amountNow = async (sku: string) => (await pricing.get(`/prices/${sku}`)).json().amount;
  const eventsFor = (sku: string) =>
    published.filter((event) => event.type === 'pricing.price.changed' && event.subject === sku);
  /** Waits until the scheduler sleeps towards a boundary still ahead (its pass is done). */
  const settled = () =>
    eventually(() => {
      const until = pricing.service.stores.scheduler.sleepingUntil;
      return until !== undefined && until > clock.now();
    });
  const advance = async (ms: number) => {
    await settled();
    clock.advance(ms);
    await settled();
  };

  beforeEach(async () => {
    clock = new ManualClock();
    pricing = await startPricing({ clock });
    published.length = 0;
    pricing.service.bus!.subscribe({
      group: 'test.price-recorder',
      topics: [PricingTopics.price],
      handle: async (event) => void published.push(event),
    });
  });
  afterEach(() => pricing.close());

  it('when a sale window passes, then the price starts and ends on its own with an event each', async () => {
    await pricing.put('TENT-1', { amount: 10_000, currency: 'USD' });
    const put = await pricing.put('TENT-1', {
      amount: 7_500,
      compareAtAmount: 10_000,
      currency: 'USD',
      validFrom: at(1),
      validTo: at(3),
    });
    expect(put.json()).toMatchObject({ amount: 10_000 });

    await advance(HOUR - 1);
    expect(await amountNow('TENT-1')).toBe(10_000);
    await advance(1);
    expect((await pricing.get('/prices/TENT-1')).json()).toMatchObject({
      amount: 7_500,
      compareAtAmount: 10_000,
      lowest30Days: 10_000,
    });
    await advance(2 * HOUR);
    expect((await pricing.get('/prices/TENT-1')).json()).toMatchObject({
      amount: 10_000,
      lowest30Days: 7_500,
    });

    await eventually(() => eventsFor('TENT-1').length === 3);
    expect(eventsFor('TENT-1').map((event) => event.data)).toEqual([
      expect.objectContaining({
        previous: null,
        current: expect.objectContaining({ amount: 10_000 }),
      }),
      expect.objectContaining({
        previous: expect.objectContaining({ amount: 10_000 }),
        current: expect.objectContaining({ amount: 7_500, compareAtAmount: 10_000 }),
        at: new Date(clock.now() - 2 * HOUR).toISOString(),
      }),
      expect.objectContaining({
        previous: expect.objectContaining({ amount: 7_500 }),
        current: expect.objectContaining({ amount: 10_000, lowest30Days: 7_500 }),
        at: new Date(clock.now()).toISOString(),
      }),
    ]);
    const history = (await pricing.get('/prices/TENT-1/history')).json();
    expect(history.items.map((item: { amount: number }) => item.amount)).toEqual([
      10_000, 7_500, 10_000,
    ]);
  });

  it('when a later PUT creates an earlier boundary, then the sleeping scheduler wakes for it', async () => {
    await pricing.put('BOOT-1', { amount: 5_000, currency: 'USD' });
    await pricing.put('BOOT-1', {
      amount: 4_000,
      currency: 'USD',
      validFrom: at(10),
      validTo: at(20),
    });
    await settled();
    const asleepUntil = pricing.service.stores.scheduler.sleepingUntil!;
    await pricing.put('BOOT-1', {
      amount: 3_000,
      currency: 'USD',
      validFrom: at(0.5),
      validTo: at(1.5),
    });
    await settled();
    expect(pricing.service.stores.scheduler.sleepingUntil).toBeLessThan(asleepUntil);
    await advance(HOUR / 2);
    expect(await amountNow('BOOT-1')).toBe(3_000);
    await advance(HOUR);
    expect(await amountNow('BOOT-1')).toBe(5_000);
    await advance(8.5 * HOUR);
    expect(await amountNow('BOOT-1')).toBe(4_000);
  });

  it('when the service was down across both boundaries, then a restart catches them up in order', async () => {
    await pricing.put('SOCK-1', { amount: 900, currency: 'USD' });
    await pricing.put('SOCK-1', { amount: 600, currency: 'USD', validFrom: at(1), validTo: at(2) });
    const { dataDir } = pricing;
    await pricing.service.close();
    clock.advance(5 * HOUR);
    pricing = await startPricing({ clock, dataDir });
    expect(await amountNow('SOCK-1')).toBe(900);
    const history = (await pricing.get('/prices/SOCK-1/history')).json();
    expect(history.items.map((item: { amount: number }) => item.amount)).toEqual([900, 600, 900]);
    expect(history.items[1]).toMatchObject({
      validFrom: new Date(clock.now() - 4 * HOUR).toISOString(),
      validTo: new Date(clock.now() - 3 * HOUR).toISOString(),
    });
  });
});
