import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPlatform, type EmbeddedPlatform } from './embedded-platform.ts';

describe('an inventory journey through the gateway', () => {
  let embedded: EmbeddedPlatform;
  let api: string;
  let admin: Record<string, string>;

  beforeAll(async () => {
    embedded = await startEmbeddedPlatform('inventory-journey');
    ({ api, admin } = embedded);
  });
  afterAll(() => embedded.close());

  const send = (method: string, path: string, body?: object) =>
    fetch(`${api}${path}`, {
      method,
      ...(body
        ? { headers: admin, body: JSON.stringify(body) }
        : { headers: { authorization: admin.authorization! } }),
    });

  it('when an admin stocks, reserves and commits through the gateway, then the stock follows', async () => {
    expect((await send('PUT', '/inventory/GW-INV-1', { onHand: 6 })).status).toBe(200);
    const reserved = await send('POST', '/reservations', {
      orderId: 'gw-order-1',
      items: [{ sku: 'GW-INV-1', quantity: 2 }],
    });
    expect(reserved.status).toBe(201);
    const { id } = (await reserved.json()) as { id: string };
    expect((await send('POST', `/reservations/${id}/commit`)).status).toBe(200);
    const stock = await fetch(`${api}/inventory/GW-INV-1`);
    expect(await stock.json()).toMatchObject({ onHand: 4, reserved: 0, available: 4 });
    const batch = await fetch(`${api}/inventory?skus=GW-INV-1`);
    expect(((await batch.json()) as { items: unknown[] }).items).toHaveLength(1);
    expect((await fetch(`${api}/locations`)).status).toBe(200);
  });

  it('when nobody signed in calls a reservation route, then the gateway refuses it', async () => {
    const anonymous = await fetch(`${api}/reservations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ orderId: 'gw-anon', items: [{ sku: 'GW-INV-1', quantity: 1 }] }),
    });
    expect(anonymous.status).toBe(401);
  });
});
