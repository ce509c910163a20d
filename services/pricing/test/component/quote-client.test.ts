import {
  PricingClient,
  QuoteSchema,
  RedemptionSchema,
  ShippingOptionListSchema,
} from '@emporium/contracts';
import { ServiceClient } from '@emporium/kit';
import { silentLogger } from '@emporium/kit/testing';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPromotionHarness, type PromotionHarness } from './promotion-harness.ts';

function expectSchema(schema: TSchema, value: unknown): void {
  expect(Compile(schema).Errors(value)).toEqual([]);
}

describe('the pricing client for quotes and redemptions, against the real service', () => {
  let h: PromotionHarness;
  let client: PricingClient;
  let asOrders: { authorization: string };

  beforeAll(async () => {
    h = await startPromotionHarness();
    const url = await h.service.listen();
    client = new PricingClient(
      new ServiceClient({ name: 'pricing', baseUrl: url, logger: silentLogger, retries: 0 }),
    );
    asOrders = { authorization: h.orders.authorization! };
    await h.setPrice('CQ-1', { amount: 1500, currency: 'USD' });
    await h.createPromotion({
      code: 'CLIENT5',
      kind: 'fixed',
      value: 500,
      currency: 'USD',
      usageLimit: 1,
    });
  });
  afterAll(async () => {
    await client.close();
    await h.close();
  });

  it('when a quote is made and read back, then both match the published schema and each other', async () => {
    const quote = await client.quote({
      items: [{ sku: 'CQ-1', quantity: 2 }],
      promotionCode: 'CLIENT5',
    });
    expectSchema(QuoteSchema, quote);
    expect(quote.total).toEqual({ amount: 2500, currency: 'USD' });
    expect(await client.getQuote(quote.id)).toEqual(quote);
    expect(await client.getQuote('quo_unknown')).toBeUndefined();
  });

  it('when a quote names an unpriced SKU, then the client throws the coded problem', async () => {
    await expect(client.quote({ items: [{ sku: 'NOPE', quantity: 1 }] })).rejects.toMatchObject({
      code: 'PRICING.UNPRICED_SKU',
    });
  });

  it('when an order redeems, retries and releases, then the answers match the schema', async () => {
    const first = await client.redeem('CLIENT5', { orderId: 'ord-c1' }, asOrders);
    expectSchema(RedemptionSchema, first.redemption);
    expect(first.created).toBe(true);
    expect((await client.redeem('CLIENT5', { orderId: 'ord-c1' }, asOrders)).created).toBe(false);
    await expect(client.redeem('CLIENT5', { orderId: 'ord-c2' }, asOrders)).rejects.toMatchObject({
      code: 'PRICING.PROMOTION_EXHAUSTED',
    });
    await client.release('CLIENT5', 'ord-c1', asOrders);
    await client.release('CLIENT5', 'ord-c1', asOrders);
    expect((await client.redeem('CLIENT5', { orderId: 'ord-c2' }, asOrders)).created).toBe(true);
  });

  it('when shipping options and a taxed, shipped quote are asked for, then the answers match the published schemas', async () => {
    const options = await client.shippingOptions('de', 'EUR');
    expectSchema(ShippingOptionListSchema, options);
    expect(options.items.map((option) => option.id)).toEqual(['eu-standard', 'eu-express']);
    const quote = await client.quote({
      items: [{ sku: 'CQ-1', quantity: 1 }],
      shippingOptionId: 'express',
      country: 'US',
    });
    expectSchema(QuoteSchema, quote);
    expect(quote).toMatchObject({ shipping: { amount: 1499 }, tax: { amount: 109 }, taxRate: 725 });
    await expect(client.shippingOptions('AQ')).rejects.toMatchObject({
      code: 'PRICING.COUNTRY_UNSUPPORTED',
    });
  });
});
