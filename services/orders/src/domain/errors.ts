import { defineErrors } from '@emporium/kit/domain';

/** Every coded error of the orders service. */
export const OrdersErrors = defineErrors('ORDERS', {
  ORDER_NOT_FOUND: { kind: 'not_found', title: 'No such order' },
  RETURN_NOT_FOUND: { kind: 'not_found', title: 'No such return' },
  CART_NOT_FOUND: { kind: 'unprocessable', title: 'The cart does not exist or is not yours' },
  CART_EMPTY: { kind: 'unprocessable', title: 'The cart has nothing that can be bought' },
  ADDRESS_REQUIRED: {
    kind: 'unprocessable',
    title: 'An order needs a shippingAddress (or the addressId of one in the address book)',
  },
  ADDRESS_AMBIGUOUS: {
    kind: 'invalid',
    title: 'Send a shippingAddress or the addressId of one, not both',
  },
  ADDRESS_NOT_FOUND: { kind: 'unprocessable', title: 'No such address in your address book' },
  IDEMPOTENCY_KEY_REQUIRED: {
    kind: 'invalid',
    title: 'POST /orders needs an Idempotency-Key header (1 to 128 visible characters)',
  },
  IDEMPOTENCY_KEY_REUSED: {
    kind: 'unprocessable',
    title: 'This Idempotency-Key was used with another request body',
  },
  IDEMPOTENCY_IN_PROGRESS: {
    kind: 'conflict',
    title: 'The first request with this Idempotency-Key is still running; try again shortly',
  },
  ILLEGAL_TRANSITION: { kind: 'conflict', title: 'The order cannot move to that status now' },
  SHIPPING_UNKNOWN: {
    kind: 'unprocessable',
    title: 'No such shipping option for the destination country',
  },
  COUNTRY_UNSUPPORTED: { kind: 'unprocessable', title: 'Nothing is shipped to that country' },
  INVALID_RETURN: { kind: 'unprocessable', title: 'The return does not match the order' },
  PAYMENT_UNAVAILABLE: {
    kind: 'unavailable',
    title: 'The payment provider is unavailable',
  },
  VERSION_MISMATCH: { kind: 'conflict', title: 'The order changed while it was being updated' },
});
