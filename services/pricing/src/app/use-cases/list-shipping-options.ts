import { PromotionErrors } from '../../domain/promotion-errors.ts';
import { normalizeCountry, shippingOptionsFor, taxRateOf } from '../../domain/shipping-tax.ts';
import type { PromotionDeps } from '../promotion-deps.ts';

/** The options that ship to a country in a currency (default currency when none). */
export function listShippingOptions(
  deps: Pick<PromotionDeps, 'rates' | 'currencies' | 'defaultCurrency'>,
  query: { country: string; currency?: string },
) {
  const country = normalizeCountry(query.country)!;
  const currency = query.currency ?? deps.defaultCurrency;
  if (!deps.currencies.includes(currency))
    throw PromotionErrors.UNSUPPORTED_CURRENCY.create(
      `${currency} is not one of ${deps.currencies.join(', ')}`,
    );
  const items = shippingOptionsFor(deps.rates, country, currency).map(({ option, rate }) => ({
    id: option.id,
    name: option.name,
    amount: rate.amount,
    currency,
    ...(rate.freeOver === undefined ? {} : { freeOver: rate.freeOver }),
    estimatedDays: option.estimatedDays,
  }));
  return { items, country, currency, taxRate: taxRateOf(deps.rates, country) };
}
