import { Type, type Static } from 'typebox';
import { defineEvent } from './define-event.ts';
import { CurrencyCode } from './money.ts';

/** Topics of pricing, keyed by SKU (prices) and by promotion code (redemptions). */
export const PricingTopics = {
  price: 'pricing.price',
  promotion: 'pricing.promotion',
} as const;

export const PricingEventTypes = {
  priceChanged: 'pricing.price.changed',
  promotionRedeemed: 'pricing.promotion.redeemed',
  promotionReleased: 'pricing.promotion.released',
} as const;

export const PRICING_SOURCE = 'emporium/pricing';

const Timestamp = Type.String({ format: 'date-time' });
const Sku = Type.String({ minLength: 1, maxLength: 64 });
const Amount = Type.Integer({ minimum: 0 });

/** The effective single-unit price of a SKU in one currency at one moment. */
export const EffectivePricePayload = Type.Object({
  amount: Amount,
  /** The struck-through "was" price, when the SKU is on sale. */
  compareAtAmount: Type.Optional(Amount),
  /** The lowest effective price of the 30 days before this one started (EU Omnibus rule). */
  lowest30Days: Type.Optional(Amount),
});
export type EffectivePricePayload = Static<typeof EffectivePricePayload>;

/**
 * The effective price of a SKU changed: an admin set one, or a scheduled price started or
 * ended. `previous` is null for a SKU's first price, `current` is null when the last
 * price ended and nothing replaces it. Consumers keep the one with the latest `at`.
 */
export const PriceChangedV1 = defineEvent({
  type: PricingEventTypes.priceChanged,
  version: 1,
  schema: Type.Object({
    sku: Sku,
    currency: CurrencyCode,
    previous: Type.Union([EffectivePricePayload, Type.Null()]),
    current: Type.Union([EffectivePricePayload, Type.Null()]),
    at: Timestamp,
  }),
});

const Redemption = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 64 }),
  orderId: Type.String({ minLength: 1, maxLength: 128 }),
  customerId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  at: Timestamp,
});

/** One use of a promotion was taken by an order. */
export const PromotionRedeemedV1 = defineEvent({
  type: PricingEventTypes.promotionRedeemed,
  version: 1,
  schema: Redemption,
});

/** An order gave its use of a promotion back (the order was rejected or cancelled). */
export const PromotionReleasedV1 = defineEvent({
  type: PricingEventTypes.promotionReleased,
  version: 1,
  schema: Redemption,
});

export const PricingEvents = [PriceChangedV1, PromotionRedeemedV1, PromotionReleasedV1] as const;
