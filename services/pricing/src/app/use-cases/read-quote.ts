import { PromotionErrors } from '../../domain/promotion-errors.ts';
import type { Quote } from '../../domain/quote.ts';
import type { PromotionDeps } from '../promotion-deps.ts';

/** A stored quote, also after it expired: the reader compares `expiresAt` with its own needs. */
export async function readQuote(deps: Pick<PromotionDeps, 'quotes'>, id: string): Promise<Quote> {
  const quote = await deps.quotes.get(id);
  if (!quote) throw PromotionErrors.QUOTE_NOT_FOUND.create(`No quote ${id}`);
  return quote;
}
