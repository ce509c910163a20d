import { api, isAbort } from './api.js';
import { h, replace } from './dom.js';
import { CURRENCY, offerBlock, offerOf } from './pricing.js';
import { liveStock, showStock, stockBadge } from './stock.js';

/** The batch routes take up to 100 SKUs; a product has far fewer variants. */
const MAX_SKUS = 100;

/**
 * The price and the stock badge of a product page's chosen variant. Prices are read once
 * for every variant (the batch route); stock is read the same way and then kept current
 * from the stock stream. `select(sku)` switches the variant shown. When pricing or
 * inventory fails the page still works: no price, and "Availability unknown".
 */
export function productOffer(ctx, skus) {
  const wanted = [...new Set(skus)].slice(0, MAX_SKUS);
  const priceSlot = h('div', { class: 'offer-slot', 'aria-busy': 'true' });
  const badge = stockBadge();
  const element = h('div', { class: 'product-offer' }, priceSlot, badge);
  let chosen = wanted[0];
  let offers = null;
  let batchFailed = false;

  const showPrice = () => {
    if (!offers) return;
    if (!offers.has(chosen) && batchFailed) return void priceOne(chosen);
    priceSlot.removeAttribute('aria-busy');
    replace(priceSlot, offerBlock(offers.get(chosen) ?? null));
  };

  // When the batch read failed, the chosen variant's own route may still answer.
  const priceOne = (sku) => {
    offers.set(sku, null);
    api
      .price(sku, CURRENCY, { signal: ctx.signal })
      .then(
        (item) => offers.set(sku, offerOf(item)),
        () => undefined,
      )
      .finally(() => {
        if (sku === chosen && !ctx.signal.aborted) showPrice();
      });
  };

  const stock = wanted.length
    ? liveStock({
        skus: wanted,
        signal: ctx.signal,
        load: async () => (await api.stock(wanted, { signal: ctx.signal })).items ?? [],
        onChange: (sku) => {
          if (sku === chosen) showStock(badge, stock?.get(sku));
        },
      })
    : null;
  if (!stock) showStock(badge, undefined);

  if (wanted.length) {
    api.prices(wanted, CURRENCY, { signal: ctx.signal }).then(
      (page) => {
        offers = new Map((page.items ?? []).map((item) => [item.sku, offerOf(item)]));
        showPrice();
      },
      (error) => {
        if (isAbort(error)) return;
        offers = new Map();
        batchFailed = true;
        showPrice();
      },
    );
  } else {
    offers = new Map();
    showPrice();
  }

  return {
    element,
    select(sku) {
      chosen = sku;
      showPrice();
      if (!stock || stock.settled) showStock(badge, stock?.get(sku));
    },
  };
}
