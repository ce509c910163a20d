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
        description:
          'An option of GET /shipping-options for the country (422 PRICING.SHIPPING_UNKNOWN otherwise; needs country)',
      }),
    ),
    country: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z]{2}$',
        description: 'ISO 3166-1 destination: taxes every line (422 PRICING.COUNTRY_UNSUPPORTED)',
      }),
    ),
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
      tax: Money,
    }),
  ),
  subtotal: Money,
  discount: Money,
  shipping: Money,
  shippingTax: Money,
  tax: Money,
  total: Money,
  promotion: Type.Optional(
    Type.Object({ code: Type.String(), kind: Type.String(), value: Type.Number() }),
  ),
  customerId: Type.Optional(Type.String()),
  country: Type.Optional(Type.String()),
  shippingOption: Type.Optional(
    Type.Object({ id: Type.String(), name: Type.String(), estimatedDays: Type.Integer() }),
  ),
  taxRate: Type.Optional(Type.Integer({ description: 'Basis points (2000 = 20 %)' })),
  createdAt: Type.String(),
  expiresAt: Type.String(),
});

export const QuoteParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const ShippingOptionsQuery = Type.Object(
  {
    country: Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 destination' }),
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
  },
  { additionalProperties: false },
);

export const ShippingOptionsSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      amount: Type.Integer(),
      currency: Type.String(),
      freeOver: Type.Optional(Type.Integer()),
      estimatedDays: Type.Integer(),
    }),
  ),
  country: Type.String(),
  currency: Type.String(),
  taxRate: Type.Integer({ description: 'Basis points applied to every line' }),
});
