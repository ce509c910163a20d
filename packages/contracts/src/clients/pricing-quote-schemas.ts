import { Type, type Static } from 'typebox';
import { MoneyPayload } from '../events/money.ts';

/** One priced line of a quote: the tier's unit price, the line total and its discount. */
export const QuoteLineSchema = Type.Object({
  sku: Type.String(),
  quantity: Type.Integer({ minimum: 1, maximum: 999 }),
  unitPrice: MoneyPayload,
  lineTotal: MoneyPayload,
  discount: MoneyPayload,
  /**
   * Tax on the line after its discount, at the destination's rate (zero without a
   * country). Optional in the contract (added after v1 of the quote); pricing always sends it.
   */
  tax: Type.Optional(MoneyPayload),
});

/**
 * `POST /quotes`, `GET /quotes/{id}`: a stored price offer; an order pays exactly `total`
 * of its quote: `subtotal - discount + shipping + tax` (tax-exclusive prices, ADR 0029).
 */
export const QuoteSchema = Type.Object({
  id: Type.String(),
  currency: Type.String({ pattern: '^[A-Z]{3}$' }),
  lines: Type.Array(QuoteLineSchema),
  subtotal: MoneyPayload,
  discount: MoneyPayload,
  shipping: MoneyPayload,
  /** Tax on `shipping` where the destination taxes it, included in `tax` (optional: added later). */
  shippingTax: Type.Optional(MoneyPayload),
  tax: MoneyPayload,
  total: MoneyPayload,
  promotion: Type.Optional(
    Type.Object({ code: Type.String(), kind: Type.String(), value: Type.Number() }),
  ),
  customerId: Type.Optional(Type.String()),
  country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
  shippingOption: Type.Optional(
    Type.Object({ id: Type.String(), name: Type.String(), estimatedDays: Type.Integer() }),
  ),
  /** Basis points of tax on every line (2000 = 20 %). */
  taxRate: Type.Optional(Type.Integer({ minimum: 0 })),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type Quote = Static<typeof QuoteSchema>;

export interface QuoteRequest {
  items: { sku: string; quantity: number }[];
  currency?: string;
  promotionCode?: string;
  customerId?: string;
  shippingOptionId?: string;
  country?: string;
}

/** `POST /promotions/{code}/redemptions`: one order's use of a promotion. */
export const RedemptionSchema = Type.Object({
  code: Type.String(),
  orderId: Type.String(),
  customerId: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Literal('active'), Type.Literal('released')]),
  redeemedAt: Type.String({ format: 'date-time' }),
  releasedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type Redemption = Static<typeof RedemptionSchema>;

/** `GET /shipping-options?country=&currency=` of pricing: what a destination can be sent with. */
export const ShippingOptionListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      amount: Type.Integer({ minimum: 0 }),
      currency: Type.String({ pattern: '^[A-Z]{3}$' }),
      freeOver: Type.Optional(Type.Integer({ minimum: 0 })),
      estimatedDays: Type.Integer({ minimum: 0 }),
    }),
  ),
  country: Type.String(),
  currency: Type.String(),
  taxRate: Type.Integer({ minimum: 0 }),
});
export type ShippingOptionList = Static<typeof ShippingOptionListSchema>;
