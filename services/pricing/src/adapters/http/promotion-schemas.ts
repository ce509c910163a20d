import { CursorSchema, LimitSchema } from '@emporium/kit';
import { Type } from 'typebox';

const Code = Type.String({
  pattern: '^[A-Za-z0-9_-]{1,64}$',
  description: 'Letters, digits, _ and -; matched case-insensitively (stored upper-case)',
});
const Sku = Type.String({ minLength: 1, maxLength: 64 });
const Id = Type.String({ minLength: 1, maxLength: 128 });
const Instant = Type.String({ format: 'date-time' });
const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217' });
// Numbers, not integers: the domain answers a fractional or negative one with its own code.
const Count = Type.Number({ description: 'A positive integer' });

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const PromotionBody = Type.Object(
  {
    code: Code,
    kind: Type.Union([Type.Literal('percent'), Type.Literal('fixed'), Type.Literal('buy_x_get_y')]),
    value: Type.Number({
      description:
        'percent: percent off (integer 1..100); fixed: amount off in minor units of `currency`; buy_x_get_y: percent off the free units (100 = free)',
    }),
    buyQuantity: Type.Optional(Count),
    getQuantity: Type.Optional(Count),
    appliesTo: Type.Optional(
      Type.Object(
        {
          skus: Type.Optional(Type.Array(Sku, { maxItems: 1000 })),
          categoryIds: Type.Optional(Type.Array(Id, { maxItems: 100 })),
        },
        { additionalProperties: false },
      ),
    ),
    minSubtotal: Type.Optional(
      Type.Number({ description: 'Minimum quote subtotal, in minor units of `currency`' }),
    ),
    startsAt: Type.Optional(Instant),
    endsAt: Type.Optional(Type.String({ format: 'date-time', description: 'Exclusive' })),
    usageLimit: Type.Optional(Count),
    perCustomerLimit: Type.Optional(Count),
    currency: Type.Optional(Currency),
  },
  { additionalProperties: false },
);

/** Any subset of the definition but `code` and `kind`; `null` clears an optional field. */
export const PromotionPatchBody = Type.Object(
  {
    value: Type.Optional(Type.Number()),
    buyQuantity: Type.Optional(Count),
    getQuantity: Type.Optional(Count),
    appliesTo: Type.Optional(PromotionBody.properties.appliesTo),
    minSubtotal: Type.Optional(nullable(Type.Number())),
    startsAt: Type.Optional(nullable(Instant)),
    endsAt: Type.Optional(nullable(Instant)),
    usageLimit: Type.Optional(nullable(Count)),
    perCustomerLimit: Type.Optional(nullable(Count)),
    currency: Type.Optional(nullable(Currency)),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const PromotionSchema = Type.Object({
  code: Type.String(),
  kind: Type.String(),
  value: Type.Number(),
  buyQuantity: nullable(Type.Integer()),
  getQuantity: nullable(Type.Integer()),
  appliesTo: Type.Object({
    skus: Type.Array(Type.String()),
    categoryIds: Type.Array(Type.String()),
  }),
  currency: nullable(Type.String()),
  minSubtotal: nullable(Type.Integer()),
  startsAt: nullable(Type.String()),
  endsAt: nullable(Type.String()),
  usageLimit: nullable(Type.Integer()),
  perCustomerLimit: nullable(Type.Integer()),
  used: Type.Integer({ description: 'Active redemptions' }),
  remaining: nullable(Type.Integer({ description: 'Uses left under usageLimit' })),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const PromotionPageSchema = Type.Object({
  items: Type.Array(PromotionSchema),
  nextCursor: nullable(Type.String()),
});

export const PromotionListQuery = Type.Object({
  limit: LimitSchema,
  cursor: Type.Optional(CursorSchema),
});

export const CodeParams = Type.Object({ code: Code });
export const RedemptionParams = Type.Object({ code: Code, orderId: Id });

export const RedemptionBody = Type.Object(
  { orderId: Id, customerId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) },
  { additionalProperties: false },
);

export const RedemptionSchema = Type.Object({
  code: Type.String(),
  orderId: Type.String(),
  customerId: nullable(Type.String()),
  status: Type.Union([Type.Literal('active'), Type.Literal('released')]),
  redeemedAt: Type.String(),
  releasedAt: nullable(Type.String()),
});
