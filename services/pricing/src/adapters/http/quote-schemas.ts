import { Type } from 'typebox';

const Money = Type.Object({
  amount: Type.Integer({ description: 'Minor units' }),
  currency: Type.String(),
});

export const QuoteBody = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          sku: Type.String({ minLength: 1, maxLength: 64 }),
          // A number: the domain answers 0, 1000 or 1.5 with PRICING.INVALID_QUOTE.
          quantity: Type.Number({ description: 'An integer from 1 to 999' }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 100, description: '1 to 100 items; a repeated SKU adds up' },
    ),
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
    promotionCode: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' })),
    customerId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    shippingOptionId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description: 'Not known until the orders service: answers 422 PRICING.SHIPPING_UNKNOWN',
      }),
    ),
    country: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1' })),
  },
  { additionalProperties: false },
);

export const QuoteSchema = Type.Object({
  id: Type.String(),
  currency: Type.String(),
  lines: Type.Array(
    Type.Object({
      sku: Type.String(),
      quantity: Type.Integer(),
      unitPrice: Money,
      lineTotal: Money,
      discount: Money,
    }),
  ),
  subtotal: Money,
  discount: Money,
  shipping: Money,
  tax: Money,
  total: Money,
  promotion: Type.Optional(
    Type.Object({ code: Type.String(), kind: Type.String(), value: Type.Number() }),
  ),
  customerId: Type.Optional(Type.String()),
  createdAt: Type.String(),
  expiresAt: Type.String(),
});

export const QuoteParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
