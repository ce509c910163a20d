import type { Promotion } from '../../domain/promotion.ts';

/** One order's use of a promotion. Releasing keeps the row, so a repeat release is a no-op. */
export interface Redemption {
  code: string;
  orderId: string;
  customerId: string | null;
  status: 'active' | 'released';
  redeemedAt: number;
  releasedAt: number | null;
}

export interface RedeemRequest {
  code: string;
  orderId: string;
  customerId: string | null;
  now: number;
}

export interface RedeemResult {
  redemption: Redemption;
  /** False when the order already held this promotion: the same redemption, nothing taken. */
  created: boolean;
}

export interface PromotionPage {
  items: Promotion[];
  /** The last code of the page when more may follow. */
  next: string | null;
}

/**
 * Promotions and their redemptions. `redeem` and `release` are atomic with their outbox
 * events (`pricing.promotion.redeemed|released`) and never let the active redemptions
 * pass `usageLimit` or a customer's pass `perCustomerLimit`, however many run at once.
 */
export interface PromotionStore {
  /** Throws PRICING.DUPLICATE_PROMOTION when the code is taken. */
  create(promotion: Promotion): Promise<void>;
  get(code: string): Promise<Promotion | undefined>;
  /**
   * Replaces the promotion with `revise(current)` in one transaction that holds its row,
   * so no redemption slips between the check and the write. Throws what `revise` throws,
   * and PRICING.PROMOTION_NOT_FOUND.
   */
  revise(code: string, revise: (current: Promotion) => Promotion): Promise<Promotion>;
  /** Ordered by code, after `after` when given. */
  list(query: { limit: number; after?: string }): Promise<PromotionPage>;
  /** Active redemptions of the promotion by the customer. */
  customerUses(code: string, customerId: string): Promise<number>;
  /**
   * Takes one use for the order, or returns the order's active redemption. Throws
   * PRICING.PROMOTION_NOT_FOUND, PROMOTION_NOT_ACTIVE, PROMOTION_EXHAUSTED,
   * PROMOTION_CUSTOMER_LIMIT or CUSTOMER_REQUIRED, writing nothing.
   */
  redeem(request: RedeemRequest): Promise<RedeemResult>;
  /** Gives the order's use back; undefined when it held none (or released it already). */
  release(request: { code: string; orderId: string; now: number }): Promise<Redemption | undefined>;
  getRedemption(code: string, orderId: string): Promise<Redemption | undefined>;
}
