import { newPromotion, type NewPromotionInput, type Promotion } from '../../domain/promotion.ts';
import type { PromotionDeps } from '../promotion-deps.ts';

/** Validates every rule first, then writes once: a refused promotion leaves nothing behind. */
export async function createPromotion(
  deps: Pick<PromotionDeps, 'promotions' | 'clock' | 'currencies'>,
  input: NewPromotionInput,
): Promise<Promotion> {
  const promotion = newPromotion(input, deps.clock.now(), deps.currencies);
  await deps.promotions.create(promotion);
  return promotion;
}
