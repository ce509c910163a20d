import { defineErrors } from '@emporium/kit/domain';

/**
 * Coded errors of promotions, redemptions and quotes (prices have their own catalogue).
 * Reasons a promotion does not apply to a quote travel in the problem's `reason`, one of
 * `PromotionRefusal`.
 */
export const PromotionErrors = defineErrors('PRICING', {
  INVALID_PROMOTION: { kind: 'invalid', title: 'The promotion is not valid' },
  INVALID_PERCENT: { kind: 'invalid', title: 'A percent must be an integer from 1 to 100' },
  INVALID_AMOUNT: {
    kind: 'invalid',
    title: 'An amount must be a positive integer in minor units',
  },
  CURRENCY_REQUIRED: { kind: 'invalid', title: 'A fixed amount needs its currency' },
  UNSUPPORTED_CURRENCY: { kind: 'invalid', title: 'The currency is not one pricing sells in' },
  INVALID_PERIOD: { kind: 'invalid', title: 'endsAt must be after startsAt' },
  DUPLICATE_PROMOTION: { kind: 'conflict', title: 'A promotion with this code already exists' },
  USAGE_LIMIT_BELOW_USED: {
    kind: 'conflict',
    title: 'The usage limit cannot go below the uses already taken',
  },
  VERSION_MISMATCH: {
    kind: 'precondition_failed',
    title: 'The promotion has changed since it was read',
  },
  PROMOTION_NOT_FOUND: { kind: 'not_found', title: 'No such promotion' },
  REDEMPTION_NOT_FOUND: { kind: 'not_found', title: 'The order has not redeemed the promotion' },
  PROMOTION_EXHAUSTED: { kind: 'conflict', title: 'The promotion has no uses left' },
  PROMOTION_CUSTOMER_LIMIT: {
    kind: 'conflict',
    title: 'The customer has used the promotion as often as it allows',
  },
  PROMOTION_NOT_ACTIVE: { kind: 'conflict', title: 'The promotion is not active now' },
  CUSTOMER_REQUIRED: {
    kind: 'unprocessable',
    title: 'A promotion with a per-customer limit needs the customer',
  },
  PROMOTION_NOT_APPLICABLE: {
    kind: 'unprocessable',
    title: 'The promotion does not apply to these items',
  },
  UNPRICED_SKU: { kind: 'unprocessable', title: 'Some items have no price in this currency' },
  SHIPPING_UNKNOWN: {
    kind: 'unprocessable',
    title: 'No such shipping option for that country and currency',
  },
  QUOTE_NOT_FOUND: { kind: 'not_found', title: 'No such quote' },
  INVALID_QUOTE: { kind: 'invalid', title: 'The quote request is not valid' },
});
