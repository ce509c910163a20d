import type { Redemption } from '../../app/ports/promotion-store.ts';
import type { Promotion } from '../../domain/promotion.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A promotion as the admin API shows it: instants as ISO strings, what is left of the limit. */
export function promotionView(promotion: Promotion) {
  return {
    ...promotion,
    startsAt: iso(promotion.startsAt),
    endsAt: iso(promotion.endsAt),
    remaining: promotion.usageLimit === null ? null : promotion.usageLimit - promotion.used,
    createdAt: iso(promotion.createdAt)!,
    updatedAt: iso(promotion.updatedAt)!,
  };
}

export function redemptionView(redemption: Redemption) {
  return {
    ...redemption,
    redeemedAt: iso(redemption.redeemedAt)!,
    releasedAt: iso(redemption.releasedAt),
  };
}
