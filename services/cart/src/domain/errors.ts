import { defineErrors } from '@emporium/kit/domain';

/** Every coded error of the cart service. */
export const CartErrors = defineErrors('CART', {
  CART_NOT_FOUND: { kind: 'not_found', title: 'No such cart' },
  ITEM_NOT_FOUND: { kind: 'not_found', title: 'The cart has no such line' },
  UNKNOWN_SKU: { kind: 'unprocessable', title: 'No product in the catalog has this SKU' },
  INSUFFICIENT_STOCK: {
    kind: 'conflict',
    title: 'Fewer units are available than the cart would hold',
  },
  QUANTITY_OUT_OF_RANGE: {
    kind: 'unprocessable',
    title: 'A line holds from 1 unit up to the configured maximum',
  },
  TOO_MANY_LINES: { kind: 'unprocessable', title: 'The cart holds as many lines as it may' },
  PROMOTION_NOT_APPLICABLE: {
    kind: 'unprocessable',
    title: 'The promotion does not apply to this cart',
  },
  SOURCE_NOT_FOUND: { kind: 'not_found', title: 'No such source cart (or a wrong cart token)' },
  MERGE_INTO_SELF: { kind: 'unprocessable', title: 'A cart cannot be merged into itself' },
  MERGE_NEEDS_SIGNED_IN_TARGET: {
    kind: 'unprocessable',
    title: 'Carts merge into the signed-in customer’s own cart',
  },
  UPSTREAM_DOWN: {
    kind: 'service_unavailable',
    title: 'The cart cannot check this change now; try again shortly',
  },
  BUSY: { kind: 'service_unavailable', title: 'The cart is changing too often; try again' },
});
