import { newId } from '@emporium/kit';
import { normalizeCode, type Promotion } from '../../domain/promotion.ts';
import { PromotionErrors } from '../../domain/promotion-errors.ts';
import {
  discountLines,
  usageRefusal,
  type PricedLine,
  type PromotionRefusal,
} from '../../domain/promotion-rules.ts';
import { buildQuote, normalizeItems, type Quote, type QuoteItem } from '../../domain/quote.ts';
import {
  ShippingTaxErrors,
  normalizeCountry,
  shippingOptionOf,
  taxRateOf,
  taxesShipping,
} from '../../domain/shipping-tax.ts';
import type { PromotionDeps } from '../promotion-deps.ts';

export interface QuoteRequest {
  items: QuoteItem[];
  currency?: string;
  promotionCode?: string;
  customerId?: string;
  shippingOptionId?: string;
  country?: string;
}

/**
 * Prices the items at their tiers' effective prices, applies the promotion (or says why
 * it does not apply), adds the shipping option's charge and the destination's tax, and
 * stores the quote until `expiresAt`. Everything is checked before anything is stored.
 */
export async function createQuote(deps: PromotionDeps, request: QuoteRequest): Promise<Quote> {
  const items = normalizeItems(request.items);
  const currency = request.currency ?? deps.defaultCurrency;
  if (!deps.currencies.includes(currency))
    throw PromotionErrors.UNSUPPORTED_CURRENCY.create(
      `${currency} is not one of ${deps.currencies.join(', ')}`,
    );
  const country = normalizeCountry(request.country);
  if (request.shippingOptionId !== undefined && country === undefined)
    throw ShippingTaxErrors.COUNTRY_REQUIRED.create(
      `The shipping option ${request.shippingOptionId} needs the destination country`,
    );
  const destination =
    country === undefined
      ? null
      : {
          country,
          taxRate: taxRateOf(deps.rates, country),
          taxesShipping: taxesShipping(deps.rates, country),
        };
  const shipping =
    request.shippingOptionId === undefined || country === undefined
      ? null
      : shippingOptionOf(deps.rates, request.shippingOptionId, country, currency);
  const now = deps.clock.now();
  const lines = await priceLines(deps, items, currency, now);
  const customerId = request.customerId ?? null;
  const promotion =
    request.promotionCode === undefined
      ? undefined
      : await applicablePromotion(deps, request.promotionCode, customerId);
  let discounts = lines.map(() => 0);
  if (promotion) {
    const outcome = discountLines(promotion, lines, { currency, now });
    if (!outcome.applies) throw notApplicable(promotion.code, outcome.reason);
    discounts = outcome.perLine;
  }
  const quote = buildQuote({
    id: newId('quo', now),
    currency,
    lines,
    discounts,
    promotion: promotion ?? null,
    customerId,
    destination,
    shipping,
    now,
    ttlMs: deps.quoteTtlMs,
  });
  await deps.quotes.save(quote);
  return quote;
}

async function priceLines(
  deps: PromotionDeps,
  items: QuoteItem[],
  currency: string,
  now: number,
): Promise<PricedLine[]> {
  const prices = await deps.quotePrices.unitPrices(items, currency, now);
  const unpriced = items.filter((item) => !prices.has(item.sku)).map((item) => item.sku);
  if (unpriced.length > 0)
    throw PromotionErrors.UNPRICED_SKU.create(
      `No ${currency} price for ${unpriced.slice(0, 10).join(', ')}`,
      { details: { skus: unpriced, currency } },
    );
  const categories = await deps.productCategories.categoriesOf(items.map((item) => item.sku));
  return items.map((item) => ({
    ...item,
    unitPrice: prices.get(item.sku)!,
    categoryIds: categories.get(item.sku) ?? [],
  }));
}

async function applicablePromotion(
  deps: PromotionDeps,
  rawCode: string,
  customerId: string | null,
): Promise<Promotion> {
  const code = normalizeCode(rawCode);
  const promotion = await deps.promotions.get(code);
  if (!promotion) throw notApplicable(code, 'unknown_code');
  const customerUses =
    customerId !== null && promotion.perCustomerLimit !== null
      ? await deps.promotions.customerUses(code, customerId)
      : undefined;
  const refusal = usageRefusal(promotion, { used: promotion.used, customerUses });
  if (refusal) throw notApplicable(code, refusal);
  return promotion;
}

const reasons: Record<PromotionRefusal, string> = {
  unknown_code: 'there is no such promotion',
  not_started: 'it has not started yet',
  ended: 'it has ended',
  currency_mismatch: 'it is for another currency',
  below_min_subtotal: 'the subtotal is below its minimum',
  no_qualifying_item: 'no item qualifies for it',
  exhausted: 'it has no uses left',
  per_customer_limit: 'the customer has used it as often as it allows',
};

function notApplicable(code: string, reason: PromotionRefusal) {
  return PromotionErrors.PROMOTION_NOT_APPLICABLE.create(
    `The promotion ${code} does not apply: ${reasons[reason]}`,
    { details: { promotionCode: code, reason } },
  );
}
