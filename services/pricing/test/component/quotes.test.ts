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
      'a shipping option without a country',
      { items: [{ sku: 'MUG', quantity: 1 }], shippingOptionId: 'express' },
      422,
      'PRICING.COUNTRY_REQUIRED',
    ],
    [
      'an unknown shipping option',
      { items: [{ sku: 'MUG', quantity: 1 }], shippingOptionId: 'teleport', country: 'US' },
      422,
      'PRICING.SHIPPING_UNKNOWN',
    ],
    [
      'an option that does not ship there',
      { items: [{ sku: 'MUG', quantity: 1 }], shippingOptionId: 'eu-express', country: 'US' },
      422,
      'PRICING.SHIPPING_UNKNOWN',
    ],
    [
      'a country not sold to',
      { items: [{ sku: 'MUG', quantity: 1 }], country: 'AQ' },
      422,
      'PRICING.COUNTRY_UNSUPPORTED',
    ],
  ])('when the request has %s (%O), then it answers %i %s', async (_what, body, status, code) => {
    const response = await quote(body);
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ code });
  });
});

describe('shipping and tax in quotes', () => {
  let h: PromotionHarness;
  const quote = (body: Record<string, unknown>) => h.request('POST', '/quotes', {}, body);

  beforeAll(async () => {
    h = await startPromotionHarness();
    await h.setPrice('LAMP', { amount: 2000, currency: 'USD' });
    await h.setPrice('LAMP', { amount: 1900, currency: 'EUR' });
    await h.setPrice('BULB', { amount: 333, currency: 'USD' });
  });
  afterAll(() => h.close());

  it('when a US order below the free threshold ships standard, then shipping is charged and every line is taxed', async () => {
    const response = await quote({
      items: [
        { sku: 'LAMP', quantity: 1 },
        { sku: 'BULB', quantity: 3 },
      ],
      shippingOptionId: 'standard',
      country: 'us',
    });
    expect(response.statusCode).toBe(201);
    // 7.25 %: 2000 → 145, 999 → 72.4275 → 72; shipping 599 below 5000, not taxed.
    expect(response.json()).toMatchObject({
      subtotal: usd(2999),
      shipping: usd(599),
      shippingTax: usd(0),
      tax: usd(217),
      total: usd(2999 + 599 + 217),
      country: 'US',
      taxRate: 725,
      shippingOption: { id: 'standard', name: 'Standard', estimatedDays: 5 },
      lines: [
        { sku: 'LAMP', tax: usd(145) },
        { sku: 'BULB', tax: usd(72) },
      ],
    });
  });

  it('when the merchandise reaches the free threshold, then standard shipping is free and express is not', async () => {
    const items = [{ sku: 'LAMP', quantity: 3 }];
    const free = (await quote({ items, shippingOptionId: 'standard', country: 'US' })).json();
    expect(free).toMatchObject({ shipping: usd(0), tax: usd(435), total: usd(6435) });
    const express = (await quote({ items, shippingOptionId: 'express', country: 'US' })).json();
    expect(express).toMatchObject({ shipping: usd(1499), total: usd(6000 + 1499 + 435) });
  });

  it('when a German order is quoted in EUR, then the German rate and the EU option apply, and VAT applies to the shipping too', async () => {
    const response = await quote({
      items: [{ sku: 'LAMP', quantity: 1 }],
      currency: 'EUR',
      shippingOptionId: 'eu-standard',
      country: 'DE',
    });
    const eur = (amount: number) => ({ amount, currency: 'EUR' });
    // The lamp's 1900 → 361; the shipping's 499 → 94.81 → 95.
    expect(response.json()).toMatchObject({
      lines: [{ sku: 'LAMP', tax: eur(361) }],
      shipping: eur(499),
      shippingTax: eur(95),
      tax: eur(361 + 95),
      total: eur(1900 + 499 + 361 + 95),
    });
  });

  it('when the shipping options of a country are asked for, then only the ones that ship there are listed with its tax rate', async () => {
    const response = await h.request('GET', '/shipping-options?country=DE&currency=EUR');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      country: 'DE',
      currency: 'EUR',
      taxRate: 1900,
      items: [
        {
          id: 'eu-standard',
          name: 'Standard (EU)',
          amount: 499,
          currency: 'EUR',
          freeOver: 6000,
          estimatedDays: 4,
        },
        { id: 'eu-express', name: 'Express (EU)', amount: 1299, currency: 'EUR', estimatedDays: 1 },
      ],
    });
  });

  it('when the shipping options of an unsupported or malformed country are asked for, then it answers a coded 4xx', async () => {
    const unknown = await h.request('GET', '/shipping-options?country=AQ');
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ code: 'PRICING.COUNTRY_UNSUPPORTED' });
    const malformed = await h.request('GET', '/shipping-options?country=USA');
    expect(malformed.statusCode).toBe(400);
  });
});
