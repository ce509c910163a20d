import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPlatform } from '../src/platform.ts';
import { startEmbeddedPlatform, type EmbeddedPlatform } from './embedded-platform.ts';

describe('a promotion journey through the gateway', () => {
  let embedded: EmbeddedPlatform;
  let platform: RunningPlatform;
  let api: string;
  let admin: Record<string, string>;
  const json = { 'content-type': 'application/json' };
  const send = (method: string, path: string, body: unknown, headers = admin) =>
    fetch(`${api}${path}`, { method, headers, body: JSON.stringify(body) });

  beforeAll(async () => {
    embedded = await startEmbeddedPlatform('promotion-journey');
    ({ platform, api, admin } = embedded);
  });
  afterAll(() => embedded.close());

  it('when a category promotion is quoted and redeemed, then the catalog event, the quote and the redemption agree', async () => {
    const category = (await (
      await send('POST', '/categories', { name: 'Journey Lamps' })
    ).json()) as {
      id: string;
    };
    const product = await send('POST', '/products', {
      name: 'Journey Desk Lamp',
      brand: 'Lumen',
      categoryIds: [category.id],
      variants: [{ sku: 'JRN-LAMP-1', options: {} }],
    });
    expect(product.status).toBe(201);
    expect(
      (await send('PUT', '/prices/JRN-LAMP-1', { amount: 5000, currency: 'USD' })).status,
    ).toBe(200);
    const promotion = await send('POST', '/promotions', {
      code: 'JOURNEY20',
      kind: 'percent',
      value: 20,
      appliesTo: { categoryIds: [category.id] },
      usageLimit: 1,
    });
    expect(promotion.status).toBe(201);
    // The product's categories reach pricing as a catalog.product event on the shared bus.
    await platform.bus.drain();

    const quoted = await send(
      'POST',
      '/quotes',
      { items: [{ sku: 'JRN-LAMP-1', quantity: 2 }], promotionCode: 'journey20' },
      json,
    );
    expect(quoted.status).toBe(201);
    const quote = (await quoted.json()) as { id: string; total: unknown; discount: unknown };
    expect(quote.discount).toEqual({ amount: 2000, currency: 'USD' });
    expect(quote.total).toEqual({ amount: 8000, currency: 'USD' });
    expect(await (await fetch(`${api}/quotes/${quote.id}`)).json()).toEqual(quote);

    const anonymous = await send(
      'POST',
      '/promotions/JOURNEY20/redemptions',
      { orderId: 'o1' },
      json,
    );
    expect(anonymous.status).toBe(401);
    const redeemed = await send('POST', '/promotions/JOURNEY20/redemptions', { orderId: 'o1' });
    expect(redeemed.status).toBe(201);
    const exhausted = await send('POST', '/promotions/JOURNEY20/redemptions', { orderId: 'o2' });
    expect(exhausted.status).toBe(409);
    const again = await send(
      'POST',
      '/quotes',
      { items: [{ sku: 'JRN-LAMP-1', quantity: 1 }], promotionCode: 'JOURNEY20' },
      json,
    );
    expect(again.status).toBe(422);
    expect(await again.json()).toMatchObject({
      code: 'PRICING.PROMOTION_NOT_APPLICABLE',
      reason: 'exhausted',
    });
  });
});
