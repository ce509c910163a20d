import { isAppError } from '@emporium/kit';
import type { CartDeps } from './deps.ts';
import {
  emptyQuote,
  quoteSignature,
  summaryOf,
  type CachedQuote,
  type Money,
} from './quote-summary.ts';
import { isUpstreamDown, upstreamDown } from './upstream-errors.ts';

export interface QuoteInput {
  lines: { sku: string; quantity: number }[];
  currency: string;
  promotionCode: string | null;
  customerId: string | null;
}

export interface PricedCart {
  quote: CachedQuote;
  /** True when pricing could not be asked and the prices are old copies. */
  stale: boolean;
  /** True when pricing was asked (no fresh quote of these lines was cached). */
  asked: boolean;
}

const PROMOTION_NOT_APPLICABLE = 'PRICING.PROMOTION_NOT_APPLICABLE';
const UNPRICED_SKU = 'PRICING.UNPRICED_SKU';

/**
 * Asks pricing for a quote of the lines. A promotion that no longer applies is dropped
 * (the reason kept), SKUs without a price are left out (listed), so a read never fails
 * on a shopper's old cart. At most three quotes: as asked, without the promotion,
 * without the unpriced SKUs.
 */
export async function fetchQuote(deps: CartDeps, input: QuoteInput): Promise<CachedQuote> {
  let lines = input.lines;
  let promotionCode = input.promotionCode;
  let promotionRejected: string | undefined;
  const unpriced: string[] = [];
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (lines.length === 0) return { ...emptyQuote(input.currency), unpriced };
    try {
      const quote = await deps.upstreams.quotes.quote({
        items: lines,
        currency: input.currency,
        ...(promotionCode ? { promotionCode } : {}),
        ...(input.customerId ? { customerId: input.customerId } : {}),
      });
      return summaryOf(quote, { unpriced, ...(promotionRejected ? { promotionRejected } : {}) });
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (error.code === PROMOTION_NOT_APPLICABLE && promotionCode) {
        promotionRejected = String(error.details?.['reason'] ?? 'not_applicable');
        promotionCode = null;
        continue;
      }
      const skus = error.details?.['skus'];
      if (error.code === UNPRICED_SKU && Array.isArray(skus)) {
        unpriced.push(...skus.map(String));
        lines = lines.filter((line) => !unpriced.includes(line.sku));
        continue;
      }
      throw error;
    }
  }
  return { ...emptyQuote(input.currency), unpriced };
}

/**
 * The cart's prices through the cache: a quote of the same lines, promotion and currency
 * answers while it is fresh and none of its SKUs' prices changed since (events mark
 * them). When pricing is down, the last quote of these lines answers, or failing that,
 * the last unit price seen per SKU (no discount): both marked stale.
 */
export async function readQuote(deps: CartDeps, input: QuoteInput): Promise<PricedCart> {
  const { snapshots } = deps;
  const signature = quoteSignature(
    input.lines,
    input.currency,
    input.promotionCode,
    input.customerId,
  );
  const skus = input.lines.map((line) => line.sku);
  const { cached, changes } = await snapshots.quoteWithMarks(signature, skus, input.currency);
  const fresh =
    cached !== undefined &&
    snapshots.isFresh(cached, snapshots.ttls.quoteFreshMs) &&
    changes.every((changedAt) => changedAt < cached.at);
  if (fresh) return { quote: cached.v, stale: false, asked: false };
  const at = snapshots.now();
  try {
    const quote = await fetchQuote(deps, input);
    await snapshots.putQuote(signature, quote, at);
    return { quote, stale: false, asked: true };
  } catch (error) {
    if (!isUpstreamDown(error)) throw error;
    if (cached) return { quote: cached.v, stale: true, asked: true };
    return { quote: await fromUnitPrices(deps, input), stale: true, asked: true };
  }
}

/** For writes that need pricing's answer now (applying a promotion): no cached copy. */
export async function freshQuote(deps: CartDeps, input: QuoteInput): Promise<CachedQuote> {
  const signature = quoteSignature(
    input.lines,
    input.currency,
    input.promotionCode,
    input.customerId,
  );
  const at = deps.snapshots.now();
  try {
    const quote = await fetchQuote(deps, input);
    await deps.snapshots.putQuote(signature, quote, at);
    return quote;
  } catch (error) {
    if (isUpstreamDown(error)) throw upstreamDown('pricing', deps.retryAfterSeconds, error);
    throw error;
  }
}

async function fromUnitPrices(deps: CartDeps, input: QuoteInput): Promise<CachedQuote> {
  const units = await deps.snapshots.unitPrices<Money>(
    input.lines.map((line) => line.sku),
    input.currency,
  );
  const quote = emptyQuote(input.currency);
  let subtotal = 0;
  for (const line of input.lines) {
    const unit = units.get(line.sku)?.v;
    if (!unit) {
      quote.unpriced.push(line.sku);
      continue;
    }
    const lineTotal = { amount: unit.amount * line.quantity, currency: unit.currency };
    subtotal += lineTotal.amount;
    quote.lines.push({ sku: line.sku, unitPrice: unit, lineTotal });
  }
  const total = { amount: subtotal, currency: input.currency };
  return { ...quote, subtotal: total, total };
}
