import { Type, type Static } from 'typebox';
import { MoneyPayload } from '../events/money.ts';

/** One priced line of a quote: the tier's unit price, the line total and its discount. */
export const QuoteLineSchema = Type.Object({
  sku: Type.String(),
  quantity: Type.Integer({ minimum: 1, maximum: 999 }),
  unitPrice: MoneyPayload,
  lineTotal: MoneyPayload,
  discount: MoneyPayload,
});

/**
 * `POST /quotes`, `GET /quotes/{id}`: a stored price offer. Shipping and tax are zero
 * until the orders service owns them; an order pays exactly `total` of its quote.
 */
export const QuoteSchema = Type.Object({
  id: Type.String(),
  currency: Type.String({ pattern: '^[A-Z]{3}$' }),
  lines: Type.Array(QuoteLineSchema),
  subtotal: MoneyPayload,
  discount: MoneyPayload,
  shipping: MoneyPayload,
  tax: MoneyPayload,
  total: MoneyPayload,
  promotion: Type.Optional(
    Type.Object({ code: Type.String(), kind: Type.String(), value: Type.Number() }),
  ),
  customerId: Type.Optional(Type.String()),
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
