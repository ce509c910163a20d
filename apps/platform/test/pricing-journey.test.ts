import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPlatform, type EmbeddedPlatform } from './embedded-platform.ts';

describe('prices through the embedded gateway (npm start)', () => {
  let embedded: EmbeddedPlatform;
  let api: string;
  let admin: Record<string, string>;

  beforeAll(async () => {
    embedded = await startEmbeddedPlatform('pricing-journey', { SEED_PRODUCTS: '0' });
    ({ api, admin } = embedded);
  });
  afterAll(() => embedded.close());

  const put = (sku: string, body: object, headers = admin) =>
    fetch(`${api}/prices/${sku}`, { method: 'PUT', headers, body: JSON.stringify(body) });

  it('when an admin sets prices through the gateway, then the price, the batch and the history read back as in API.md', async () => {
    expect((await put('GW-1', { amount: 4999, currency: 'USD' })).status).toBe(200);
    expect(
      (await put('GW-1', { amount: 3999, currency: 'USD', compareAtAmount: 4999 })).status,
    ).toBe(200);
    expect((await put('GW-2', { amount: 100, currency: 'USD' })).status).toBe(200);
    const scheduled = await put('GW-2', {
      amount: 80,
      currency: 'USD',
      validFrom: new Date(Date.now() + 3600_000).toISOString(),
      validTo: new Date(Date.now() + 7200_000).toISOString(),
    });
    expect(scheduled.status).toBe(200);

    const read = await fetch(`${api}/prices/GW-1`);
    expect(read.headers.get('etag')).toBe('"2"');
    expect(await read.json()).toMatchObject({
      sku: 'GW-1',
      amount: 3999,
      compareAtAmount: 4999,
      lowest30Days: 4999,
    });

    const batch = await fetch(`${api}/prices?skus=GW-1,GW-2,GW-NONE`);
    const { items } = (await batch.json()) as { items: { sku: string; amount: number }[] };
    expect(items.map((item) => [item.sku, item.amount])).toEqual([
      ['GW-1', 3999],
      ['GW-2', 100],
    ]);

    const history = (await (await fetch(`${api}/prices/GW-1/history`)).json()) as {
      items: { amount: number }[];
    };
    expect(history.items.map((item) => item.amount)).toEqual([3999, 4999]);
  });

  it('when a customer or an anonymous caller sets a price through the gateway, then it is refused', async () => {
    const register = await fetch(`${api}/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'shopper-pricing@example.com',
        password: 'Quiet-Harbor-Lantern-77',
        name: 'Shopper',
      }),
    });
    expect(register.status).toBe(201);
    const login = await fetch(`${api}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'shopper-pricing@example.com',
        password: 'Quiet-Harbor-Lantern-77',
      }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const customer = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
    expect((await put('GW-3', { amount: 1, currency: 'USD' }, customer)).status).toBe(403);
    expect(
      (await put('GW-3', { amount: 1, currency: 'USD' }, { 'content-type': 'application/json' }))
        .status,
    ).toBe(401);
    expect((await fetch(`${api}/prices/GW-3`)).status).toBe(404);
  });
});
