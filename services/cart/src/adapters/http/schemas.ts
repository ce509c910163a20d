import { CartSchema, CreatedCartSchema } from '@emporium/contracts';
import { Type } from 'typebox';

export { CartSchema, CreatedCartSchema };

export const CartParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export const ItemParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  itemId: Type.String({ minLength: 1, maxLength: 64 }),
});

export const CurrencyQuery = Type.Object({
  currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code' })),
});

const Sku = Type.String({
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$',
  description: 'Stock keeping unit: letters, digits, dot, dash, underscore',
});

/** Quantities are integers; their range (1 to CART_MAX_QUANTITY) is a 422 of the cart's own. */
const Quantity = Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 });

export const AddItemBody = Type.Object(
  { sku: Sku, quantity: Quantity },
  { additionalProperties: false },
);
export const QuantityBody = Type.Object({ quantity: Quantity }, { additionalProperties: false });
export const PromotionBody = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
export const MergeBody = Type.Object(
  { sourceCartId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);

/** A line as written (the answer of add and change); `GET /carts/{id}` adds prices and stock. */
export const LineSchema = Type.Object({
  id: Type.String(),
  sku: Type.String(),
  productId: Type.String(),
  name: Type.String(),
  image: Type.Union([Type.String(), Type.Null()]),
  options: Type.Record(Type.String(), Type.String()),
  quantity: Type.Integer(),
  addedAt: Type.String({ format: 'date-time' }),
});

export const CartTokenHeader = Type.Object({
  'x-cart-token': Type.Optional(
    Type.String({ maxLength: 256, description: "An anonymous cart's token (from POST /carts)" }),
  ),
});
