import { Type } from 'typebox';
import { defineEvent } from './define-event.ts';

/** Topics of the cart: lines keyed by cart id (per-cart order). */
export const CartTopics = { item: 'cart.item' } as const;

export const CartEventTypes = { itemAdded: 'cart.item.added' } as const;

export const CART_SOURCE = 'emporium/cart';

/**
 * A shopper put units of a SKU into a cart (a new line, or more of an existing one):
 * what recommendations learn from and notifications may follow up on. `quantity` is what
 * this request added, `lineQuantity` the line's quantity after it.
 */
export const CartItemAddedV1 = defineEvent({
  type: CartEventTypes.itemAdded,
  version: 1,
  schema: Type.Object({
    cartId: Type.String({ minLength: 1, maxLength: 64 }),
    /** The signed-in owner; absent for an anonymous cart. */
    userId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    itemId: Type.String({ minLength: 1, maxLength: 64 }),
    sku: Type.String({ minLength: 1, maxLength: 64 }),
    productId: Type.String({ minLength: 1, maxLength: 64 }),
    quantity: Type.Integer({ minimum: 1 }),
    lineQuantity: Type.Integer({ minimum: 1 }),
    at: Type.String({ format: 'date-time' }),
  }),
});

export const CartEvents = [CartItemAddedV1] as const;
