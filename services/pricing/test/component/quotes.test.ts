import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG_SOURCE, ProductArchivedV1, ProductCreatedV1 } from '@emporium/contracts';
import { startPromotionHarness, type PromotionHarness } from './promotion-harness.ts';

const usd = (amount: number) => ({ amount, currency: 'USD' });

function product(id: string, skus: string[], categoryIds: string[], version = 1) {
  const at = '2026-12-01T00:00:00.000Z';
  return {
    id,
    slug: id,
    name: `Product ${id}`,
    description: '',
    brand: 'Acme',
    status: 'active' as const,
    categoryIds,
    attributes: {},
    variants: skus.map((sku) => ({ sku, options: {} })),
    images: [],
    version,
    createdAt: at,
    updatedAt: at,
  };
}

describe('quotes through HTTP', () => {
  let h: PromotionHarness;
  const quote = (body: Record<string, unknown>) => h.request('POST', '/quotes', {}, body);

  beforeAll(async () => {
    h = await startPromotionHarness();
    for (const [sku, amount] of [
      ['TEE', 2000],
      ['MUG', 800],
      ['CAP', 1500],
    ] as const) {
      expect((await h.setPrice(sku, { amount, currency: 'USD' })).statusCode).toBe(200);
    }
    await h.setPrice('TEE', { amount: 1800, currency: 'USD', minQuantity: 3 });
    await h.setPrice('TEE', { amount: 1900, currency: 'EUR' });
    const bus = h.service.bus!;
    await bus
      .publish([
        ProductCreatedV1.create({
          source: CATALOG_SOURCE,
          subject: 'prd_cap',
          data: { product: product('prd_cap', ['CAP'], ['hats']) },
        }),
        ProductCreatedV1.create({
          source: CATALOG_SOURCE,
          subject: 'prd_gone',
          data: { product: product('prd_gone', ['GONE'], ['hats']) },
        }),
        ProductArchivedV1.create({
          source: CATALOG_SOURCE,
          subject: 'prd_gone',
          data: {
            productId: 'prd_gone',
            skus: ['GONE'],
            version: 2,
            archivedAt: '2026-12-01T00:00:01.000Z',
          },
        }),
      ])
      .catch(() => undefined);
    await bus.drain();
  });
  afterAll(() => h.close());

  it('when items are quoted, then each line is priced at its tier and the quote is stored', async () => {
    const created = await quote({
      items: [
        { sku: 'TEE', quantity: 3 },
        { sku: 'MUG', quantity: 1 },
      ],
    });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({
      currency: 'USD',
      lines: [
        { sku: 'TEE', quantity: 3, unitPrice: usd(1800), lineTotal: usd(5400), discount: usd(0) },
        { sku: 'MUG', quantity: 1, unitPrice: usd(800), lineTotal: usd(800), discount: usd(0) },
      ],
      subtotal: usd(6200),
      discount: usd(0),
      shipping: usd(0),
      tax: usd(0),
      total: usd(6200),
      expiresAt: new Date(h.clock.now() + 15 * 60_000).toISOString(),
    });
    expect(created.headers['location']).toBe(`/quotes/${body.id}`);
    await h.setPrice('MUG', { amount: 9999, currency: 'USD' });
    const read = await h.request('GET', `/quotes/${body.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(body);
    await h.setPrice('MUG', { amount: 800, currency: 'USD' });
    expect((await h.request('GET', '/quotes/quo_nope')).statusCode).toBe(404);
  });

  it('when a promotion code applies, then the discount is on the lines and the totals', async () => {
    await h.createPromotion({ code: 'TEN', kind: 'percent', value: 10 });
    const body = (
      await quote({ items: [{ sku: 'MUG', quantity: 2 }], promotionCode: 'ten' })
    ).json();
    expect(body).toMatchObject({
      lines: [{ discount: usd(160) }],
      subtotal: usd(1600),
      discount: usd(160),
      total: usd(1440),
      promotion: { code: 'TEN', kind: 'percent', value: 10 },
    });
  });

  it('when a category promotion meets SKUs known from catalog events, then only those lines are discounted', async () => {
    await h.createPromotion({
      code: 'HATS',
      kind: 'percent',
      value: 20,
      appliesTo: { categoryIds: ['hats'] },
    });
    const body = (
      await quote({
        items: [
          { sku: 'CAP', quantity: 1 },
          { sku: 'MUG', quantity: 1 },
        ],
        promotionCode: 'HATS',
      })
    ).json();
    expect(
      body.lines.map((line: { discount: { amount: number } }) => line.discount.amount),
    ).toEqual([300, 0]);
    expect(body.total).toEqual(usd(2000));
  });

  it('when buy 2 get 1 is quoted, then the cheapest unit is free', async () => {
    await h.createPromotion({
      code: 'B2G1',
      kind: 'buy_x_get_y',
      value: 100,
      buyQuantity: 2,
      getQuantity: 1,
    });
    const body = (
      await quote({
        items: [
          { sku: 'CAP', quantity: 2 },
          { sku: 'MUG', quantity: 1 },
        ],
        promotionCode: 'B2G1',
      })
    ).json();
    expect(body).toMatchObject({ discount: usd(800), total: usd(3000) });
  });

  it('when SKUs have no price in the currency, then 422 lists them and nothing is stored', async () => {
    const response = await quote({
      items: [
        { sku: 'TEE', quantity: 1 },
        { sku: 'MUG', quantity: 1 },
        { sku: 'NONE', quantity: 1 },
      ],
      currency: 'EUR',
    });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'PRICING.UNPRICED_SKU', skus: ['MUG', 'NONE'] });
    const eur = await quote({ items: [{ sku: 'TEE', quantity: 1 }], currency: 'EUR' });
    expect(eur.json()).toMatchObject({ currency: 'EUR', total: { amount: 1900, currency: 'EUR' } });
  });

  it.each([
    ['UNKNOWN-CODE', 'unknown_code'],
    ['SOON', 'not_started'],
    ['OVER', 'ended'],
    ['BIGSPEND', 'below_min_subtotal'],
    ['ONLYTEE', 'no_qualifying_item'],
    ['EURO', 'currency_mismatch'],
    ['USEDUP', 'exhausted'],
    ['MINE', 'per_customer_limit'],
  ])('when the promotion %s does not apply, then 422 says %s', async (code, reason) => {
    const now = h.clock.now();
    const promotions: Record<string, Record<string, unknown>> = {
      SOON: { startsAt: new Date(now + 60_000).toISOString() },
      OVER: {
        startsAt: new Date(now - 120_000).toISOString(),
        endsAt: new Date(now - 60_000).toISOString(),
      },
      BIGSPEND: { minSubtotal: 100_000, currency: 'USD' },
      ONLYTEE: { appliesTo: { skus: ['TEE'] } },
      EURO: { kind: 'fixed', value: 100, currency: 'EUR' },
      USEDUP: { usageLimit: 1 },
      MINE: { perCustomerLimit: 1 },
    };
    if (promotions[code])
      await h.createPromotion({ code, kind: 'percent', value: 10, ...promotions[code] });
    if (code === 'USEDUP' || code === 'MINE')
      await h.request('POST', `/promotions/${code}/redemptions`, h.orders, {
        orderId: 'o1',
        customerId: 'cus-1',
      });
    const response = await quote({
      items: [{ sku: 'MUG', quantity: 1 }],
      promotionCode: code,
      customerId: 'cus-1',
    });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'PRICING.PROMOTION_NOT_APPLICABLE', reason });
  });

  it.each([
    ['no items', { items: [] }, 400, 'PRICING.INVALID_QUOTE'],
    ['a zero quantity', { items: [{ sku: 'MUG', quantity: 0 }] }, 400, 'PRICING.INVALID_QUOTE'],
    ['1000 units', { items: [{ sku: 'MUG', quantity: 1000 }] }, 400, 'PRICING.INVALID_QUOTE'],
    ['1.5 units', { items: [{ sku: 'MUG', quantity: 1.5 }] }, 400, 'PRICING.INVALID_QUOTE'],
    [
      '101 items',
      { items: Array.from({ length: 101 }, (_, i) => ({ sku: `S${i}`, quantity: 1 })) },
      400,
      'COMMON.VALIDATION_FAILED',
    ],
    [
      'GBP',
      { items: [{ sku: 'MUG', quantity: 1 }], currency: 'GBP' },
      400,
      'PRICING.UNSUPPORTED_CURRENCY',
    ],
    [
      'a shipping option',
      { items: [{ sku: 'MUG', quantity: 1 }], shippingOptionId: 'express' },
      422,
      'PRICING.SHIPPING_UNKNOWN',
    ],
  ])('when the request has %s (%O), then it answers %i %s', async (_what, body, status, code) => {
    const response = await quote(body);
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ code });
  });
});
