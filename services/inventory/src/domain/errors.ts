import { defineErrors } from '@emporium/kit/domain';

export const InventoryErrors = defineErrors('INVENTORY', {
  SKU_NOT_FOUND: { kind: 'not_found', title: 'The SKU has never been stocked' },
  RESERVATION_NOT_FOUND: { kind: 'not_found', title: 'No such reservation' },
  UNKNOWN_LOCATION: { kind: 'unprocessable', title: 'The location is not a stock location' },
  INVALID_SKU: { kind: 'invalid', title: 'The SKU is not valid' },
  INVALID_TTL: { kind: 'unprocessable', title: 'The TTL is longer than allowed' },
  TOO_MANY_SKUS: { kind: 'invalid', title: 'Too many SKUs in one request' },
  INSUFFICIENT_STOCK: { kind: 'conflict', title: 'Not enough stock is available' },
  BELOW_RESERVED: {
    kind: 'conflict',
    title: 'On hand would drop below what is reserved at the location',
  },
  RESERVATION_NOT_HELD: {
    kind: 'conflict',
    title: 'The reservation is no longer held',
  },
  RESERVATION_COMMITTED: {
    kind: 'conflict',
    title: 'The reservation is committed; its stock has left',
  },
  VERSION_MISMATCH: {
    kind: 'precondition_failed',
    title: 'The stock has changed since it was read',
  },
  INVALID_BATCH: {
    kind: 'invalid',
    title: 'Some items of the batch are invalid: none was written',
  },
  BATCH_CONFLICT: {
    kind: 'conflict',
    title: 'Some items of the batch conflict with the stock: none was written',
  },
  IDEMPOTENCY_KEY_INVALID: {
    kind: 'invalid',
    title: 'An Idempotency-Key is 1 to 128 visible ASCII characters',
  },
  IDEMPOTENCY_KEY_REUSED: {
    kind: 'unprocessable',
    title: 'This Idempotency-Key was used for another adjustment of the SKU',
  },
  BUSY: { kind: 'unavailable', title: 'The stock is too contended; try again' },
});
