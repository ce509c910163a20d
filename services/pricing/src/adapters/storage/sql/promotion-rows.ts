import type { Selectable } from 'kysely';
import type { Redemption } from '../../../app/ports/promotion-store.ts';
import type { Promotion, PromotionKind } from '../../../domain/promotion.ts';
import type { PromotionSchema } from './promotion-schema.ts';

type PromotionRow = Selectable<PromotionSchema['promotions']>;
type RedemptionRow = Selectable<PromotionSchema['promotion_redemptions']>;

const numberOrNull = (value: number | null): number | null =>
  value === null ? null : Number(value);

export function promotionRowOf(promotion: Promotion): PromotionRow {
  return {
    code: promotion.code,
    kind: promotion.kind,
    value: promotion.value,
    buy_quantity: promotion.buyQuantity,
    get_quantity: promotion.getQuantity,
    applies_skus: JSON.stringify(promotion.appliesTo.skus),
    applies_categories: JSON.stringify(promotion.appliesTo.categoryIds),
    currency: promotion.currency,
    min_subtotal: promotion.minSubtotal,
    starts_at: promotion.startsAt,
    ends_at: promotion.endsAt,
    usage_limit: promotion.usageLimit,
    per_customer_limit: promotion.perCustomerLimit,
    used: promotion.used,
    version: promotion.version,
    created_at: promotion.createdAt,
    updated_at: promotion.updatedAt,
  };
}

export function promotionOf(row: PromotionRow): Promotion {
  return {
    code: row.code,
    kind: row.kind as PromotionKind,
    value: Number(row.value),
    buyQuantity: numberOrNull(row.buy_quantity),
    getQuantity: numberOrNull(row.get_quantity),
    appliesTo: {
      skus: JSON.parse(row.applies_skus) as string[],
      categoryIds: JSON.parse(row.applies_categories) as string[],
    },
    currency: row.currency,
    minSubtotal: numberOrNull(row.min_subtotal),
    startsAt: numberOrNull(row.starts_at),
    endsAt: numberOrNull(row.ends_at),
    usageLimit: numberOrNull(row.usage_limit),
    perCustomerLimit: numberOrNull(row.per_customer_limit),
    used: Number(row.used),
    version: Number(row.version),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export function redemptionOf(row: RedemptionRow): Redemption {
  return {
    code: row.code,
    orderId: row.order_id,
    customerId: row.customer_id,
    status: row.status,
    redeemedAt: Number(row.redeemed_at),
    releasedAt: numberOrNull(row.released_at),
  };
}
