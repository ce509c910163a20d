import { normalizeCode } from '../../domain/promotion.ts';
import type { PromotionDeps } from '../promotion-deps.ts';
import { PromotionErrors } from '../../domain/promotion-errors.ts';
import type { Redemption, RedeemResult } from '../ports/promotion-store.ts';

/**
 * Takes a use of the promotion for an order (idempotent per order). The store checks the
 * window and the limits inside the transaction that takes the use, by the injected clock.
 */
export function redeemPromotion(
  deps: Pick<PromotionDeps, 'promotions' | 'clock'>,
  request: { code: string; orderId: string; customerId?: string },
): Promise<RedeemResult> {
  return deps.promotions.redeem({
    code: normalizeCode(request.code),
    orderId: request.orderId,
    customerId: request.customerId ?? null,
    now: deps.clock.now(),
  });
}

/** Gives the order's use back; releasing twice, or a use never taken, is not an error. */
export function releaseRedemption(
  deps: Pick<PromotionDeps, 'promotions' | 'clock'>,
  request: { code: string; orderId: string },
): Promise<Redemption | undefined> {
  return deps.promotions.release({
    code: normalizeCode(request.code),
    orderId: request.orderId,
    now: deps.clock.now(),
  });
}

/** The order's redemption of the promotion, active or released. */
export async function getRedemption(
  deps: Pick<PromotionDeps, 'promotions'>,
  request: { code: string; orderId: string },
): Promise<Redemption> {
  const redemption = await deps.promotions.getRedemption(
    normalizeCode(request.code),
    request.orderId,
  );
  if (!redemption)
    throw PromotionErrors.REDEMPTION_NOT_FOUND.create(
      `The order ${request.orderId} has not redeemed ${request.code}`,
    );
  return redemption;
}
