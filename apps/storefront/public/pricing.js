import { h } from './dom.js';
import { formatMoney } from './format.js';

export const CURRENCY = 'USD';

/** A number of minor units or a `{ amount, currency }`, as money in `currency`; null otherwise. */
function moneyOf(value, currency) {
  if (typeof value === 'number' && Number.isInteger(value)) return { amount: value, currency };
  if (value && typeof value === 'object' && Number.isInteger(value.amount))
    return { amount: value.amount, currency: value.currency ?? currency };
  return null;
}

/**
 * A pricing answer (`{ sku, amount, currency, compareAtAmount?, lowest30Days, tiers? }`) as
 * what the page shows: the price, the compare-at price only when it is higher, the lowest
 * price of the last 30 days, and quantity tiers. Null when it carries no usable price.
 */
export function offerOf(item) {
  if (!item || !Number.isInteger(item.amount)) return null;
  const currency = typeof item.currency === 'string' ? item.currency : CURRENCY;
  const price = { amount: item.amount, currency };
  const compareAt = moneyOf(
    item.compareAtAmount ?? item.compareAt ?? item.compareAtPrice,
    currency,
  );
  const tiers = (Array.isArray(item.tiers) ? item.tiers : [])
    .map((tier) => ({
      minQuantity: tier?.minQuantity,
      price: moneyOf(tier?.amount ?? tier?.price, currency),
    }))
    .filter((tier) => tier.price && Number.isInteger(tier.minQuantity) && tier.minQuantity > 1)
    .sort((a, b) => a.minQuantity - b.minQuantity);
  return {
    price,
    compareAt: compareAt && compareAt.amount > price.amount ? compareAt : null,
    lowest30Days: moneyOf(item.lowest30Days, currency),
    tiers,
  };
}

/** The struck-through "was" price; the hidden words tell screen readers what the strike means. */
function wasPrice(compareAt) {
  return h(
    's',
    { class: 'price-was' },
    h('span', { class: 'visually-hidden' }, 'Was '),
    formatMoney(compareAt),
  );
}

/** A card's price: the sale price with the compare-at struck through when the item has one. */
export function cardPrice(price, compareAt) {
  const formatted = formatMoney(price);
  if (!formatted) return h('p', { class: 'price price-pending' }, 'Price coming soon');
  const sale = compareAt && formatMoney(compareAt) && compareAt.amount > price.amount;
  return h(
    'p',
    { class: sale ? 'price price-sale' : 'price' },
    sale ? h('span', { class: 'visually-hidden' }, 'Sale price ') : null,
    formatted,
    sale ? [' ', wasPrice(compareAt)] : null,
  );
}

/** The product page's price: sale price, struck compare-at, the 30-day lowest, tiers. */
export function offerBlock(offer) {
  if (!offer) return h('p', { class: 'price price-large price-pending' }, 'Price unavailable');
  const sale = offer.compareAt !== null;
  const lowest = sale ? formatMoney(offer.lowest30Days) : null;
  return h(
    'div',
    { class: 'offer' },
    h(
      'p',
      { class: sale ? 'price price-large price-sale' : 'price price-large' },
      sale ? h('span', { class: 'visually-hidden' }, 'Sale price ') : null,
      formatMoney(offer.price),
      sale ? [' ', wasPrice(offer.compareAt)] : null,
    ),
    lowest
      ? h('p', { class: 'price-lowest' }, `Lowest price in the last 30 days: ${lowest}`)
      : null,
    offer.tiers.length
      ? h(
          'ul',
          { class: 'price-tiers', 'aria-label': 'Quantity prices' },
          offer.tiers.map((tier) =>
            h('li', {}, `Buy ${tier.minQuantity} or more: ${formatMoney(tier.price)} each`),
          ),
        )
      : null,
  );
}
