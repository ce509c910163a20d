import { CursorSchema, LimitSchema, Text } from '@emporium/kit';
import { Type } from 'typebox';

export const SKU_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$';
export const Sku = Type.String({
  pattern: SKU_PATTERN,
  description: 'Stock keeping unit: letters, digits, dot, dash, underscore',
});
const Units = Type.Integer({ minimum: 0, maximum: 1_000_000_000 });
const Location = Type.String({
  pattern: '^[a-z0-9][a-z0-9-]{0,31}$',
  description: 'Stock location',
});
const Timestamp = Type.String({ format: 'date-time' });

export const SkuParams = Type.Object({ sku: Sku }, { additionalProperties: false });

export const SetStockBody = Type.Object(
  {
    onHand: Units,
    location: Type.Optional(Location),
    lowStockThreshold: Type.Optional(Type.Union([Units, Type.Null()])),
    backorderLimit: Type.Optional(Units),
  },
  { additionalProperties: false },
);

export const AdjustmentBody = Type.Object(
  {
    delta: Type.Integer({ minimum: -1_000_000_000, maximum: 1_000_000_000, not: { const: 0 } }),
    reason: Text({ minLength: 1, maxLength: 200 }),
    location: Type.Optional(Location),
  },
  { additionalProperties: false },
);

export const StockSchema = Type.Object({
  sku: Type.String(),
  onHand: Type.Integer(),
  reserved: Type.Integer(),
  available: Type.Integer(),
  version: Type.Integer(),
  backorderLimit: Type.Integer(),
  backordered: Type.Integer(),
  lowStockThreshold: Type.Union([Type.Integer(), Type.Null()]),
  updatedAt: Timestamp,
  locations: Type.Array(
    Type.Object({ location: Type.String(), onHand: Type.Integer(), reserved: Type.Integer() }),
  ),
});

export const StockBatchQuery = Type.Object(
  {
    skus: Type.String({
      minLength: 1,
      maxLength: 6_600,
      description: 'Comma-separated SKUs, at most 100',
    }),
  },
  { additionalProperties: false },
);

export const StockBatchSchema = Type.Object({
  items: Type.Array(StockSchema),
  /** Asked-for SKUs that were never stocked. */
  unknown: Type.Array(Type.String()),
});

export const AdjustmentSchema = Type.Object({
  id: Type.String(),
  sku: Type.String(),
  location: Type.String(),
  kind: Type.Union([Type.Literal('set'), Type.Literal('adjustment')]),
  delta: Type.Integer(),
  reason: Type.String(),
  actor: Type.String(),
  at: Timestamp,
  onHand: Type.Integer(),
  totalOnHand: Type.Integer(),
});

export const PageQuery = Type.Object(
  { limit: Type.Optional(LimitSchema), cursor: Type.Optional(CursorSchema) },
  { additionalProperties: false },
);

export const AdjustmentPageSchema = Type.Object({
  items: Type.Array(AdjustmentSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const LocationsSchema = Type.Object({
  items: Type.Array(Type.Object({ id: Type.String(), allocationOrder: Type.Integer() })),
});

export const ReserveBody = Type.Object(
  {
    orderId: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$' }),
    items: Type.Array(
      Type.Object(
        { sku: Sku, quantity: Type.Integer({ minimum: 1, maximum: 1_000_000 }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 100 },
    ),
    ttlSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 * 86_400 })),
  },
  { additionalProperties: false },
);

const ReservationStatusSchema = Type.Union([
  Type.Literal('held'),
  Type.Literal('committed'),
  Type.Literal('released'),
  Type.Literal('expired'),
]);

export const ReservationSchema = Type.Object({
  id: Type.String(),
  orderId: Type.String(),
  status: ReservationStatusSchema,
  items: Type.Array(Type.Object({ sku: Type.String(), quantity: Type.Integer() })),
  allocations: Type.Array(
    Type.Object({ sku: Type.String(), location: Type.String(), quantity: Type.Integer() }),
  ),
  createdAt: Timestamp,
  expiresAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
});

export const ReservationParams = Type.Object(
  { id: Type.String({ pattern: '^res_[0-9A-HJKMNP-TV-Z]{26}$' }) },
  { additionalProperties: false },
);
