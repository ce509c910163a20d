import {
  normalizeCode,
  revisePromotion,
  type Promotion,
  type PromotionChanges,
} from '../../domain/promotion.ts';
import { PromotionErrors } from '../../domain/promotion-errors.ts';
import type { PromotionDeps } from '../promotion-deps.ts';

/**
 * Changes a promotion (PATCH). `precondition` is the request's If-Match, checked against
 * the version read under the row lock: a stale one is a 412 and nothing is written.
 */
export function changePromotion(
  deps: Pick<PromotionDeps, 'promotions' | 'clock' | 'currencies'>,
  code: string,
  changes: PromotionChanges,
  precondition?: (version: number) => boolean,
): Promise<Promotion> {
  return deps.promotions.revise(normalizeCode(code), (current) => {
    if (precondition && !precondition(current.version))
      throw PromotionErrors.VERSION_MISMATCH.create(
        `The promotion ${current.code} is at version ${current.version}`,
      );
    return revisePromotion(current, changes, deps.clock.now(), deps.currencies);
  });
}
