import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PricingEventTypes, PromotionRedeemedV1 } from '@emporium/contracts';
import { T0, promotionFixture, type PromotionStoresUnderTest } from './promotion-fixtures.ts';

export interface PromotionStoreContractOptions {
  name: string;
  create(): Promise<PromotionStoresUnderTest>;
}

async function errorCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

/** The PromotionStore port: every adapter passes these. */
export function describePromotionStoreContract(options: PromotionStoreContractOptions): void {
  describe(`PromotionStore contract: ${options.name}`, () => {
    let stores: PromotionStoresUnderTest;
    beforeEach(async () => (stores = await options.create()));
    afterEach(() => stores.close());

    const redeem = (code: string, orderId: string, customerId: string | null = null, now = T0) =>
      stores.promotions.redeem({ code, orderId, customerId, now });

    it('when a promotion is created, then it reads back whole, and its code cannot be taken twice', async () => {
      const promotion = promotionFixture({
        kind: 'buy_x_get_y',
        value: 100,
        buyQuantity: 2,
        getQuantity: 1,
        appliesTo: { skus: ['A'], categoryIds: ['c1'] },
        currency: 'USD',
        minSubtotal: 1000,
        startsAt: T0,
        endsAt: T0 + 1000,
        usageLimit: 5,
        perCustomerLimit: 1,
      });
      await stores.promotions.create(promotion);
      expect(await stores.promotions.get(promotion.code)).toEqual(promotion);
      expect(await errorCode(stores.promotions.create(promotion))).toBe(
        'PRICING.DUPLICATE_PROMOTION',
      );
      expect(await stores.promotions.get('NOPE')).toBeUndefined();
    });

    it('when promotions are listed by pages, then each comes once, in code order', async () => {
      for (const code of ['C', 'A', 'B'])
        await stores.promotions.create(promotionFixture({ code }));
      const first = await stores.promotions.list({ limit: 2 });
      expect(first.items.map((p) => p.code)).toEqual(['A', 'B']);
      const second = await stores.promotions.list({ limit: 2, after: first.next! });
      expect(second).toMatchObject({ items: [{ code: 'C' }], next: null });
    });

    it('when an order redeems twice, then it is one redemption, one use and one event', async () => {
      const promotion = promotionFixture({ usageLimit: 2 });
      await stores.promotions.create(promotion);
      const first = await redeem(promotion.code, 'ord-1', 'cus-1');
      const again = await redeem(promotion.code, 'ord-1', 'cus-1', T0 + 5);
      expect(first.created).toBe(true);
      expect(again).toEqual({ redemption: first.redemption, created: false });
      expect((await stores.promotions.get(promotion.code))?.used).toBe(1);
      const events = (await stores.outbox.pending(10)).map(({ event }) => event);
      expect(events.map((event) => event.type)).toEqual([PricingEventTypes.promotionRedeemed]);
      expect(PromotionRedeemedV1.decode(events[0]!).data).toMatchObject({
        code: promotion.code,
        orderId: 'ord-1',
        customerId: 'cus-1',
      });
      expect(stores.commits()).toBe(1);
    });

    it('when 50 orders redeem a promotion limited to 3 at once, then exactly 3 succeed', async () => {
      const promotion = promotionFixture({ usageLimit: 3 });
      await stores.promotions.create(promotion);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) => redeem(promotion.code, `ord-${i}`)),
      );
      const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      const codes = outcomes.map((o) => (o.status === 'rejected' ? o.reason.code : 'ok'));
      expect(won).toHaveLength(3);
      expect(codes.filter((code) => code === 'PRICING.PROMOTION_EXHAUSTED')).toHaveLength(47);
      expect((await stores.promotions.get(promotion.code))?.used).toBe(3);
      expect(await stores.outbox.pendingCount()).toBe(3);
    });

    it('when one customer redeems many orders at once, then the per-customer limit holds', async () => {
      const promotion = promotionFixture({ perCustomerLimit: 2 });
      await stores.promotions.create(promotion);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => redeem(promotion.code, `ord-${i}`, 'cus-1')),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(2);
      expect(await stores.promotions.customerUses(promotion.code, 'cus-1')).toBe(2);
      expect(await errorCode(redeem(promotion.code, 'ord-x', 'cus-1'))).toBe(
        'PRICING.PROMOTION_CUSTOMER_LIMIT',
      );
      expect(await errorCode(redeem(promotion.code, 'ord-y'))).toBe('PRICING.CUSTOMER_REQUIRED');
      expect((await redeem(promotion.code, 'ord-z', 'cus-2')).created).toBe(true);
    });

    it('when the same order redeems many times at once, then it takes one use', async () => {
      const promotion = promotionFixture({ usageLimit: 10 });
      await stores.promotions.create(promotion);
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, () => redeem(promotion.code, 'ord-1')),
      );
      expect(outcomes.filter((outcome) => outcome.created)).toHaveLength(1);
      expect((await stores.promotions.get(promotion.code))?.used).toBe(1);
    });

    it('when the clock is outside the window, then redeeming is refused and nothing is written', async () => {
      const promotion = promotionFixture({ startsAt: T0 + 1000, endsAt: T0 + 2000 });
      await stores.promotions.create(promotion);
      expect(await errorCode(redeem(promotion.code, 'ord-1', null, T0))).toBe(
        'PRICING.PROMOTION_NOT_ACTIVE',
      );
      expect(await errorCode(redeem(promotion.code, 'ord-1', null, T0 + 2000))).toBe(
        'PRICING.PROMOTION_NOT_ACTIVE',
      );
      expect(await stores.promotions.getRedemption(promotion.code, 'ord-1')).toBeUndefined();
      expect(await stores.outbox.pendingCount()).toBe(0);
      expect((await redeem(promotion.code, 'ord-1', null, T0 + 1500)).created).toBe(true);
      expect(await errorCode(redeem('UNKNOWN', 'ord-1'))).toBe('PRICING.PROMOTION_NOT_FOUND');
    });

    it('when a redemption is released, then its use comes back, once', async () => {
      const promotion = promotionFixture({ usageLimit: 1 });
      await stores.promotions.create(promotion);
      await redeem(promotion.code, 'ord-1', 'cus-1');
      expect(await errorCode(redeem(promotion.code, 'ord-2'))).toBe('PRICING.PROMOTION_EXHAUSTED');
      const released = await stores.promotions.release({
        code: promotion.code,
        orderId: 'ord-1',
        now: T0 + 10,
      });
      expect(released).toMatchObject({ status: 'released', releasedAt: T0 + 10 });
      expect(
        await stores.promotions.release({ code: promotion.code, orderId: 'ord-1', now: T0 + 20 }),
      ).toBeUndefined();
      expect(
        await stores.promotions.release({ code: promotion.code, orderId: 'ord-9', now: T0 }),
      ).toBeUndefined();
      expect((await stores.promotions.get(promotion.code))?.used).toBe(0);
      expect((await redeem(promotion.code, 'ord-2')).created).toBe(true);
      const types = (await stores.outbox.pending(10)).map(({ event }) => event.type);
      expect(types).toEqual([
        PricingEventTypes.promotionRedeemed,
        PricingEventTypes.promotionReleased,
        PricingEventTypes.promotionRedeemed,
      ]);
    });

    it('when a promotion is revised, then the new definition is kept; a refusing revision writes nothing', async () => {
      const promotion = promotionFixture({ usageLimit: 1 });
      await stores.promotions.create(promotion);
      await redeem(promotion.code, 'ord-1');
      const raised = await stores.promotions.revise(promotion.code, (current) => ({
        ...current,
        usageLimit: 2,
        version: current.version + 1,
      }));
      expect(await stores.promotions.get(promotion.code)).toEqual(raised);
      expect(raised).toMatchObject({ usageLimit: 2, used: 1 });
      expect((await redeem(promotion.code, 'ord-2')).created).toBe(true);
      const refusal = stores.promotions.revise(promotion.code, () => {
        throw new Error('refused');
      });
      await expect(refusal).rejects.toThrow('refused');
      expect(await stores.promotions.get(promotion.code)).toMatchObject({ usageLimit: 2, used: 2 });
      expect(await errorCode(stores.promotions.revise('NOPE', (p) => p))).toBe(
        'PRICING.PROMOTION_NOT_FOUND',
      );
    });

    it('when a released order redeems again, then it takes a use again', async () => {
      const promotion = promotionFixture({ usageLimit: 1 });
      await stores.promotions.create(promotion);
      await redeem(promotion.code, 'ord-1');
      await stores.promotions.release({ code: promotion.code, orderId: 'ord-1', now: T0 });
      const again = await redeem(promotion.code, 'ord-1', null, T0 + 1);
      expect(again).toMatchObject({ created: true, redemption: { status: 'active' } });
      expect((await stores.promotions.get(promotion.code))?.used).toBe(1);
    });
  });
}
