import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PricingEventTypes,
  PricingTopics,
  PromotionRedeemedV1,
  PromotionReleasedV1,
} from '@emporium/contracts';
import type { CloudEvent } from '@emporium/kit';
import { eventually } from '@emporium/kit/testing';
import { startPromotionHarness, type PromotionHarness } from './promotion-harness.ts';

describe('redemptions through HTTP', () => {
  let h: PromotionHarness;
  let baseUrl: string;
  const published: CloudEvent[] = [];
  beforeAll(async () => {
    h = await startPromotionHarness();
    h.service.bus!.subscribe({
      group: 'test.promotion-recorder',
      topics: [PricingTopics.promotion],
      handle: async (event) => void published.push(event),
    });
    baseUrl = await h.service.listen();
  });
  afterAll(() => h.close());

  const redeem = (code: string, body: Record<string, unknown>, headers = h.orders) =>
    h.request('POST', `/promotions/${code}/redemptions`, headers, body);

  it('when 50 orders redeem a promotion limited to 3 at once over sockets, then exactly 3 get 201', async () => {
    await h.createPromotion({ code: 'THREE', kind: 'percent', value: 10, usageLimit: 3 });
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        fetch(`${baseUrl}/promotions/THREE/redemptions`, {
          method: 'POST',
          headers: { ...h.orders, 'content-type': 'application/json' },
          body: JSON.stringify({ orderId: `ord-${i}` }),
        }).then(async (response) => ({
          status: response.status,
          body: (await response.json()) as { code?: string },
        })),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(3);
    const refused = responses.filter((response) => response.status === 409);
    expect(refused).toHaveLength(47);
    expect(refused.every((r) => r.body.code === 'PRICING.PROMOTION_EXHAUSTED')).toBe(true);
    const promotion = await h.request('GET', '/promotions/THREE', h.admin);
    expect(promotion.json()).toMatchObject({ used: 3, remaining: 0 });
  });

  it('when an order redeems twice, then the second answers 200 with the same redemption', async () => {
    await h.createPromotion({ code: 'ONCE', kind: 'percent', value: 10, usageLimit: 5 });
    const first = await redeem('ONCE', { orderId: 'ord-1', customerId: 'cus-1' });
    const second = await redeem('once', { orderId: 'ord-1', customerId: 'cus-1' });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toEqual(first.json());
    expect(first.json()).toMatchObject({ code: 'ONCE', orderId: 'ord-1', status: 'active' });
    expect((await h.request('GET', '/promotions/ONCE', h.admin)).json()).toMatchObject({ used: 1 });
  });

  it('when a customer passes the per-customer limit, then 409 PROMOTION_CUSTOMER_LIMIT', async () => {
    await h.createPromotion({ code: 'PERCUS', kind: 'percent', value: 10, perCustomerLimit: 1 });
    expect((await redeem('PERCUS', { orderId: 'o1', customerId: 'c1' })).statusCode).toBe(201);
    const second = await redeem('PERCUS', { orderId: 'o2', customerId: 'c1' });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'PRICING.PROMOTION_CUSTOMER_LIMIT' });
    const anonymous = await redeem('PERCUS', { orderId: 'o3' });
    expect(anonymous.statusCode).toBe(422);
    expect(anonymous.json()).toMatchObject({ code: 'PRICING.CUSTOMER_REQUIRED' });
    expect((await redeem('PERCUS', { orderId: 'o4', customerId: 'c2' })).statusCode).toBe(201);
  });

  it('when the clock is before startsAt or past endsAt, then 409 PROMOTION_NOT_ACTIVE', async () => {
    const now = h.clock.now();
    await h.createPromotion({
      code: 'WINDOW',
      kind: 'percent',
      value: 10,
      startsAt: new Date(now + 60_000).toISOString(),
      endsAt: new Date(now + 120_000).toISOString(),
    });
    const early = await redeem('WINDOW', { orderId: 'w1' });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({
      code: 'PRICING.PROMOTION_NOT_ACTIVE',
      reason: 'not_started',
    });
    h.clock.advance(60_000);
    expect((await redeem('WINDOW', { orderId: 'w1' })).statusCode).toBe(201);
    h.clock.advance(60_000);
    const late = await redeem('WINDOW', { orderId: 'w2' });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ reason: 'ended' });
  });

  it('when a redemption is released, then 204 (twice), and the use can be taken again', async () => {
    await h.createPromotion({ code: 'GIVEBACK', kind: 'percent', value: 10, usageLimit: 1 });
    expect((await redeem('GIVEBACK', { orderId: 'g1' })).statusCode).toBe(201);
    expect((await redeem('GIVEBACK', { orderId: 'g2' })).statusCode).toBe(409);
    const release = () => h.request('DELETE', '/promotions/GIVEBACK/redemptions/g1', h.orders);
    expect((await release()).statusCode).toBe(204);
    expect((await release()).statusCode).toBe(204);
    expect(
      (await h.request('DELETE', '/promotions/GIVEBACK/redemptions/never', h.orders)).statusCode,
    ).toBe(204);
    expect((await redeem('GIVEBACK', { orderId: 'g2' })).statusCode).toBe(201);
    const g1 = await h.request('GET', '/promotions/GIVEBACK/redemptions/g1', h.orders);
    expect(g1.json()).toMatchObject({ orderId: 'g1', status: 'released' });
    const never = await h.request('GET', '/promotions/GIVEBACK/redemptions/never', h.orders);
    expect(never.json()).toMatchObject({ code: 'PRICING.REDEMPTION_NOT_FOUND' });
    const unknown = await h.request('DELETE', '/promotions/NOPE/redemptions/g1', h.orders);
    expect(unknown.statusCode).toBe(404);
    expect((await redeem('NOPE', { orderId: 'x' })).json()).toMatchObject({
      code: 'PRICING.PROMOTION_NOT_FOUND',
    });
  });

  it('when redemptions are taken and given back, then their events reach the bus', async () => {
    await h.createPromotion({ code: 'EVENTS', kind: 'percent', value: 10 });
    await redeem('EVENTS', { orderId: 'e1', customerId: 'c9' });
    await h.request('DELETE', '/promotions/EVENTS/redemptions/e1', h.orders);
    const seen = await eventually(() => {
      const ofCode = published.filter((event) => event.subject === 'EVENTS');
      return ofCode.length >= 2 && ofCode;
    });
    expect(seen.map((event) => event.type)).toEqual([
      PricingEventTypes.promotionRedeemed,
      PricingEventTypes.promotionReleased,
    ]);
    expect(PromotionRedeemedV1.decode(seen[0]!).data).toMatchObject({
      code: 'EVENTS',
      orderId: 'e1',
      customerId: 'c9',
    });
    expect(PromotionReleasedV1.decode(seen[1]!).data).toMatchObject({ orderId: 'e1' });
  });

  it('when a customer, another service or nobody redeems, then 404, 404 and 401', async () => {
    const body = { orderId: 'z1' };
    expect((await redeem('ONCE', body, h.shopper)).statusCode).toBe(404);
    expect((await redeem('ONCE', body, h.otherService)).statusCode).toBe(404);
    expect((await redeem('ONCE', body, {})).statusCode).toBe(401);
    expect((await redeem('ONCE', { orderId: 'z2' }, h.admin)).statusCode).toBe(201);
    const deleted = await h.request('DELETE', '/promotions/ONCE/redemptions/z2', h.shopper);
    expect(deleted.statusCode).toBe(404);
  });
});
