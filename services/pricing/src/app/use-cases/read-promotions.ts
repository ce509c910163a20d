import { normalizeCode, type Promotion } from '../../domain/promotion.ts';
import { PromotionErrors } from '../../domain/promotion-errors.ts';
import type { PromotionDeps } from '../promotion-deps.ts';
import type { PromotionPage } from '../ports/promotion-store.ts';

export async function getPromotion(
  deps: Pick<PromotionDeps, 'promotions'>,
  code: string,
): Promise<Promotion> {
  const promotion = await deps.promotions.get(normalizeCode(code));
  if (!promotion) throw PromotionErrors.PROMOTION_NOT_FOUND.create(`No promotion ${code}`);
  return promotion;
}

export function listPromotions(
  deps: Pick<PromotionDeps, 'promotions'>,
  query: { limit: number; after?: string },
): Promise<PromotionPage> {
  return deps.promotions.list(query);
}
