import { defineErrors } from '@emporium/kit/domain';

/** Every coded error of the pricing service (promotions and quotes add theirs here). */
export const PricingErrors = defineErrors('PRICING', {
  PRICE_NOT_FOUND: { kind: 'not_found', title: 'The SKU has no price in that currency' },
  INVALID_AMOUNT: {
    kind: 'invalid',
    title: 'An amount must be a non-negative integer of minor units within the limit',
  },
  INVALID_COMPARE_AT: {
    kind: 'invalid',
    title: 'The compare-at amount must be above the amount',
  },
  UNSUPPORTED_CURRENCY: {
    kind: 'invalid',
    title: 'The currency is not one prices are kept in',
  },
  INVALID_VALIDITY: { kind: 'invalid', title: 'validTo must be after validFrom' },
  INVALID_MIN_QUANTITY: {
    kind: 'invalid',
    title: 'minQuantity must be a positive integer within the limit',
  },
  INVALID_SKU: {
    kind: 'invalid',
    title: 'A SKU is 1 to 64 letters, digits, dots, dashes or underscores',
  },
  VERSION_MISMATCH: {
    kind: 'precondition_failed',
    title: 'The price has changed since it was read',
  },
  TOO_MANY_SKUS: { kind: 'invalid', title: 'A batch read takes at most 100 SKUs' },
  INVALID_BATCH: {
    kind: 'invalid',
    title: 'Some items of the batch are invalid: none was written',
  },
});
