import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPostgresDatabase, type TestPostgresDatabase } from '@emporium/kit/testing';
import { startPromotionHarness, type PromotionHarness } from './promotion-harness.ts';

describe('redemptions through HTTP on PostgreSQL', () => {
  let database: TestPostgresDatabase;
  let h: PromotionHarness;
  let baseUrl: string;
  beforeAll(async () => {
    database = await createTestPostgresDatabase('pricing_redemptions');
    h = await startPromotionHarness({
      PRICING_STORE: 'postgres',
      PRICING_DATABASE_URL: database.url,
    });
    baseUrl = await h.service.listen();
  });
  afterAll(async () => {
    await h.close();
    await database.drop();
  });

  const redeemOverSocket = (code: string, orderId: string, customerId?: string) =>
    fetch(`${baseUrl}/promotions/${code}/redemptions`, {
      method: 'POST',
      headers: { ...h.orders, 'content-type': 'application/json' },
      body: JSON.stringify({ orderId, ...(customerId ? { customerId } : {}) }),
    }).then((response) => response.status);

  it('when 50 orders redeem a promotion limited to 3 at once, then exactly 3 get 201 and 47 get 409', async () => {
    await h.createPromotion({ code: 'PG-THREE', kind: 'percent', value: 10, usageLimit: 3 });
    const statuses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => redeemOverSocket('PG-THREE', `ord-${i}`)),
    );
    expect(statuses.filter((status) => status === 201)).toHaveLength(3);
    expect(statuses.filter((status) => status === 409)).toHaveLength(47);
    const promotion = await h.request('GET', '/promotions/PG-THREE', h.admin);
    expect(promotion.json()).toMatchObject({ used: 3, remaining: 0 });
  });

  it('when one customer redeems 20 orders at once under a limit of 2, then exactly 2 get 201', async () => {
    await h.createPromotion({ code: 'PG-CUS', kind: 'percent', value: 10, perCustomerLimit: 2 });
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => redeemOverSocket('PG-CUS', `ord-${i}`, 'cus-1')),
    );
    expect(statuses.filter((status) => status === 201)).toHaveLength(2);
  });
});
