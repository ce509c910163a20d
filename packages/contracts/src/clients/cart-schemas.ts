import { Type, type Static } from 'typebox';
import { MoneyPayload } from '../events/money.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

/** `POST /carts`: the cart's id, and for an anonymous cart the token later calls send. */
export const CreatedCartSchema = Type.Object({
  id: Type.String(),
  /** Only for an anonymous cart, only in this answer: send it as `X-Cart-Token`. */
  token: Type.Optional(Type.String()),
});
export type CreatedCart = Static<typeof CreatedCartSchema>;

/**
 * One line of a cart as read: the product's current details from the catalog, the price
 * from a pricing quote and the availability from inventory. `stale` is true when one of
 * them could not be asked and a cached copy stands in; `unitPrice` and `lineTotal` are
 * null only when no price was ever known for the SKU.
 */
export const CartLineSchema = Type.Object({
  id: Type.String(),
  sku: Type.String(),
  productId: Type.String(),
  name: Type.String(),
  image: Nullable(Type.String()),
  /** The variant's options (size, colour, ...) as the catalog lists them. */
  options: Type.Record(Type.String(), Type.String()),
  quantity: Type.Integer({ minimum: 1 }),
  unitPrice: Nullable(MoneyPayload),
  lineTotal: Nullable(MoneyPayload),
  /** Units that could be bought now; null when never known. */
  available: Nullable(Type.Integer({ minimum: 0 })),
  /** False when the product left the catalog: the line counts in no total. */
  purchasable: Type.Boolean(),
  stale: Type.Boolean(),
});
export type CartLine = Static<typeof CartLineSchema>;

/** `GET /carts/{id}` (and the answer of every cart write). */
export const CartSchema = Type.Object({
  id: Type.String(),
  userId: Type.Optional(Type.String()),
  currency: Type.String({ pattern: '^[A-Z]{3}$' }),
  items: Type.Array(CartLineSchema),
  subtotal: MoneyPayload,
  discount: MoneyPayload,
  total: MoneyPayload,
  promotionCode: Type.Optional(Type.String()),
  /** Why the cart's promotion is not in the totals now (pricing's reason, e.g. `expired`). */
  promotionRejected: Type.Optional(Type.String()),
  /** True when some line's details, price or stock came from a cached copy. */
  degraded: Type.Boolean(),
  version: Type.Integer({ minimum: 1 }),
  updatedAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type Cart = Static<typeof CartSchema>;

/** The header an anonymous cart's token travels in. */
export const CART_TOKEN_HEADER = 'x-cart-token';
