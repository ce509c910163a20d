import { CursorSchema, LimitSchema } from '@emporium/kit';
import { Type } from 'typebox';

const Money = Type.Object({ amount: Type.Integer(), currency: Type.String() });
const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });

export const AddressSchema = Type.Object(
  {
    name: Text(100),
    line1: Text(200),
    line2: Type.Optional(Text(200, 0)),
    city: Text(100),
    region: Type.Optional(Text(100, 0)),
    postalCode: Text(20),
    country: Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2' }),
    phone: Type.Optional(Text(40)),
  },
  { additionalProperties: false },
);

export const PlaceOrderBody = Type.Object(
  {
    cartId: Text(64),
    shippingAddress: Type.Optional(AddressSchema),
    addressId: Type.Optional(Text(64)),
    shippingOptionId: Text(64),
    expectedTotal: Type.Optional(
      Type.Object(
        {
          amount: Type.Integer({ minimum: 0 }),
          currency: Type.String({ pattern: '^[A-Z]{3}$' }),
        },
        { additionalProperties: false },
      ),
    ),
    payment: Type.Object({ token: Text(128) }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Text(64) });

export const ListQuery = Type.Object(
  {
    limit: Type.Optional(LimitSchema),
    cursor: Type.Optional(CursorSchema),
    userId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Admins only' })),
  },
  { additionalProperties: false },
);

export const ShippingQuery = Type.Object(
  {
    country: Type.String({ pattern: '^[A-Za-z]{2}$' }),
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
  },
  { additionalProperties: false },
);

export const ReturnBody = Type.Object(
  {
    lines: Type.Array(
      Type.Object(
        { sku: Text(64), quantity: Type.Integer({ minimum: 1, maximum: 999 }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 100 },
    ),
    reason: Text(500),
  },
  { additionalProperties: false },
);

const Timestamp = Type.String({ format: 'date-time' });

export const ReturnSchema = Type.Object({
  id: Type.String(),
  orderId: Type.String(),
  status: Type.String(),
  reason: Type.String(),
  lines: Type.Array(Type.Object({ sku: Type.String(), quantity: Type.Integer(), refund: Money })),
  refund: Money,
  statusHistory: Type.Array(Type.Object({ status: Type.String(), at: Timestamp })),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const OrderSchema = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  status: Type.String(),
  currency: Type.String(),
  cartId: Type.String(),
  lines: Type.Array(
    Type.Object({
      sku: Type.String(),
      name: Type.Union([Type.String(), Type.Null()], {
        description: 'The product name as bought; null on orders placed before names were kept',
      }),
      image: Type.Union([Type.String(), Type.Null()], {
        description: 'The product image as bought, when it had one',
      }),
      quantity: Type.Integer(),
      unitPrice: Money,
      lineTotal: Money,
      discount: Money,
      tax: Money,
      returnedQuantity: Type.Integer(),
    }),
  ),
  subtotal: Money,
  discount: Money,
  shipping: Money,
  shippingTax: Money,
  tax: Money,
  total: Money,
  shippingAddress: Type.Object({}, { additionalProperties: true }),
  shippingOption: Type.Union([
    Type.Object({ id: Type.String(), name: Type.String(), estimatedDays: Type.Integer() }),
    Type.Null(),
  ]),
  promotionCode: Type.Optional(Type.String()),
  rejectionReason: Type.Optional(Type.String()),
  rejectionDetail: Type.Optional(Type.String()),
  statusHistory: Type.Array(
    Type.Object({ status: Type.String(), at: Timestamp, reason: Type.Optional(Type.String()) }),
  ),
  returns: Type.Optional(Type.Array(ReturnSchema)),
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const OrderPageSchema = Type.Object({
  items: Type.Array(OrderSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

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
  taxRate: Type.Integer({
    description: 'Basis points of tax on every line (prices are tax-exclusive)',
  }),
});
