import { InventoryEvents, InventoryTopics, type EventContract } from '@emporium/contracts';
import type { CloudEvent } from '@emporium/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInventory, type InventoryHarness } from './harness.ts';

function contractOf(event: CloudEvent): EventContract | undefined {
  return InventoryEvents.find(
    (contract) =>
      contract.type === event.type &&
      contract.dataschema === (event as { dataschema?: string }).dataschema,
  );
}

describe('inventory events through the outbox', () => {
  let h: InventoryHarness;
  const published: CloudEvent[] = [];
  beforeAll(async () => {
    h = await startInventory({ env: { EVENT_MAX_ATTEMPTS: '1' } });
    h.service.bus!.subscribe({
      group: 'test.inventory-recorder',
      topics: [InventoryTopics.stock, InventoryTopics.reservation],
      handle: async (event) => void published.push(event),
    });
  });
  afterAll(() => h.close());

  const app = () => h.service.app;
  const call = async (method: 'PUT' | 'POST', url: string, payload?: object, headers = h.admin) => {
    const response = await app().inject({ method, url, headers, ...(payload ? { payload } : {}) });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json();
  };
  const eventsOf = async (sku: string) => {
    await h.service.bus!.drain();
    return published.filter((event) => event.subject === sku);
  };

  it('when stock goes through count, reservation, commit and release, then each change is announced with a growing version', async () => {
    await call('PUT', '/inventory/EVT-1', { onHand: 5, lowStockThreshold: 2 });
    const held = await call(
      'POST',
      '/reservations',
      { orderId: 'evt-1', items: [{ sku: 'EVT-1', quantity: 3 }] },
      h.orders,
    );
    await call('POST', `/reservations/${held.id}/commit`, undefined, h.orders);
    const other = await call(
      'POST',
      '/reservations',
      { orderId: 'evt-2', items: [{ sku: 'EVT-1', quantity: 2 }] },
      h.orders,
    );
    await call('POST', `/reservations/${other.id}/release`, undefined, h.orders);
    const events = await eventsOf('EVT-1');
    for (const event of events) {
      expect(contractOf(event), event.type).toBeDefined();
      expect(contractOf(event)!.problems(event.data)).toEqual([]);
      expect(event.partitionkey).toBe('EVT-1');
    }
    const changed = events.filter((event) => event.type === 'inventory.stock.changed');
    expect(changed.map((event) => (event.data as { cause: string }).cause)).toEqual([
      'set',
      'reservation',
      'commit',
      'reservation',
      'release',
    ]);
    expect(changed.map((event) => (event.data as { version: number }).version)).toEqual([
      1, 2, 3, 4, 5,
    ]);
    expect(changed.map((event) => (event.data as { available: number }).available)).toEqual([
      5, 2, 2, 0, 2,
    ]);
  });

  it('when available crosses to the threshold, then stock.low once; from zero to more, stock.replenished', async () => {
    await call('PUT', '/inventory/EVT-2', { onHand: 4, lowStockThreshold: 1 });
    const held = await call(
      'POST',
      '/reservations',
      { orderId: 'evt-3', items: [{ sku: 'EVT-2', quantity: 3 }] },
      h.orders,
    );
    await call('POST', '/inventory/EVT-2/adjustments', { delta: -1, reason: 'broken' });
    await call('POST', `/reservations/${held.id}/release`, undefined, h.orders);
    await call('PUT', '/inventory/EVT-2', { onHand: 0 });
    await call('PUT', '/inventory/EVT-2', { onHand: 6 });
    const types = (await eventsOf('EVT-2')).map((event) =>
      event.type.replace('inventory.stock.', ''),
    );
    expect(types).toEqual([
      'changed',
      'replenished', // counted: 4 available
      'changed',
      'low', // reserved 3: 1 available, at the threshold
      'changed', // adjusted: 0 available, still low (no second low)
      'changed',
      'replenished', // released: from 0 to 3 available
      'changed',
      'low', // counted to 0: crosses again
      'changed',
      'replenished', // counted to 6: from 0 to more
    ]);
  });
});
