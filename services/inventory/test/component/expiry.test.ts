import {
  InventoryEventTypes,
  InventoryTopics,
  ReservationExpiredV1,
  StockChangedV1,
} from '@emporium/contracts';
import type { CloudEvent } from '@emporium/kit';
import { eventually } from '@emporium/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@emporium/kit/testing';
import { startInventory, type InventoryHarness } from './harness.ts';

describe('reservations expire by the injected clock', () => {
  const clock = new ManualClock();
  let h: InventoryHarness;
  const published: CloudEvent[] = [];
  beforeAll(async () => {
    h = await startInventory({ clock });
    h.service.bus!.subscribe({
      group: 'test.recorder',
      topics: [InventoryTopics.stock, InventoryTopics.reservation],
      handle: async (event) => void published.push(event),
    });
  });
  afterAll(() => h.close());

  const app = () => h.service.app;
  const level = async (sku: string) => (await app().inject({ url: `/inventory/${sku}` })).json();
  const reserve = (orderId: string, sku: string, ttlSeconds?: number) =>
    app().inject({
      method: 'POST',
      url: '/reservations',
      headers: h.orders,
      payload: { orderId, items: [{ sku, quantity: 2 }], ...(ttlSeconds ? { ttlSeconds } : {}) },
    });
  const outboxEvents = async (): Promise<CloudEvent[]> => {
    await h.service.bus!.drain();
    return published;
  };
  const read = (id: string) =>
    app()
      .inject({ url: `/reservations/${id}`, headers: h.orders })
      .then((r) => r.json());

  it('when a held reservation passes its TTL, then it expires on its own, its stock returns and the expiry is announced', async () => {
    await app().inject({
      method: 'PUT',
      url: '/inventory/TTL-1',
      headers: h.admin,
      payload: { onHand: 5 },
    });
    const held = (await reserve('ttl-order-1', 'TTL-1', 60)).json();
    expect(held.expiresAt).toBe(new Date(clock.now() + 60_000).toISOString());
    expect((await level('TTL-1')).available).toBe(3);

    clock.advance(59_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await read(held.id)).status).toBe('held');

    clock.advance(1_000);
    await eventually(async () => (await read(held.id)).status === 'expired');
    expect(await level('TTL-1')).toMatchObject({ onHand: 5, reserved: 0, available: 5 });
    const events = await eventually(async () => {
      const seen = await outboxEvents();
      return seen.some((e) => e.type === InventoryEventTypes.reservationExpired) && seen;
    });
    const expired = events.find((event) => event.type === InventoryEventTypes.reservationExpired);
    expect(ReservationExpiredV1.decode(expired!).data).toMatchObject({
      reservationId: held.id,
      orderId: 'ttl-order-1',
      items: [{ sku: 'TTL-1', quantity: 2 }],
    });
    const last = events
      .filter((event) => StockChangedV1.matches(event) && event.subject === 'TTL-1')
      .at(-1)!;
    expect(StockChangedV1.decode(last).data).toMatchObject({ cause: 'expiry', available: 5 });
  });

  it('when a reservation sooner than the sleeping sweeper is made, then the sweeper wakes for it', async () => {
    await app().inject({
      method: 'PUT',
      url: '/inventory/TTL-2',
      headers: h.admin,
      payload: { onHand: 4 },
    });
    const later = (await reserve('ttl-order-2', 'TTL-2', 600)).json();
    const sooner = (await reserve('ttl-order-3', 'TTL-2', 5)).json();
    clock.advance(5_000);
    await eventually(async () => (await read(sooner.id)).status === 'expired');
    expect((await read(later.id)).status).toBe('held');
  });

  it('when an expired reservation is committed, then 409; releasing it is the same answer', async () => {
    await app().inject({
      method: 'PUT',
      url: '/inventory/TTL-3',
      headers: h.admin,
      payload: { onHand: 4 },
    });
    const held = (await reserve('ttl-order-4', 'TTL-3', 10)).json();
    clock.advance(10_000);
    await eventually(async () => (await read(held.id)).status === 'expired');
    const commit = await app().inject({
      method: 'POST',
      url: `/reservations/${held.id}/commit`,
      headers: h.orders,
    });
    expect(commit.statusCode).toBe(409);
    const release = await app().inject({
      method: 'POST',
      url: `/reservations/${held.id}/release`,
      headers: h.orders,
    });
    expect(release.json()).toMatchObject({ status: 'expired' });
    expect((await level('TTL-3')).available).toBe(4);
  });
});
