import type { CartRecord } from '../domain/cart.ts';
import type { CartLineView, CartViewModel } from './cart-view-model.ts';
import type { CartDeps } from './deps.ts';
import { quoteSignature } from './quote-summary.ts';
import { readQuote } from './read-quote.ts';
import { readProducts, readStock } from './read-through.ts';
import { WarmViews } from './warm-views.ts';

export type { CartLineView, CartViewModel } from './cart-view-model.ts';

/**
 * Builds the cart as a shopper sees it: product details and availability read through
 * the cache (one catalog call and one inventory call for whatever is not fresh), then one
 * pricing quote of the purchasable lines. Whatever comes from an old copy marks its line
 * stale and the cart degraded; a warm read asks no upstream at all.
 */
export async function viewCart(
  deps: CartDeps,
  cart: CartRecord,
  currency: string,
): Promise<CartViewModel> {
  const warm = deps.views;
  if (!warm) return (await buildView(deps, cart, currency)).view;
  const { snapshots } = deps;
  const known = warm.of(cart, currency, deps.clock.now());
  if (known) {
    if (known.generation === snapshots.generation) return known.view;
    const generation = snapshots.generation;
    if (WarmViews.same(known, await snapshots.lookUp(known.keys))) {
      known.generation = generation;
      return known.view;
    }
  }
  const skus = cart.lines.map((line) => line.sku);
  const keys = snapshots.viewKeys(
    skus,
    quoteSignature(cart.lines, currency, cart.promotionCode, cart.userId),
    currency,
  );
  // Read before the view is built: an entry replaced meanwhile then no longer matches.
  const generation = snapshots.generation;
  const inputs = await snapshots.lookUp(keys);
  const now = deps.clock.now();
  const built = await buildView(deps, cart, currency);
  const freshUntil = built.warm ? snapshots.freshUntil(inputs, skus.length) : undefined;
  if (freshUntil !== undefined && now < freshUntil) {
    const view = Object.freeze(built.view);
    warm.remember({ cart, currency, keys, inputs, generation, freshUntil, view });
  }
  return built.view;
}

/**
 * The view, and whether it is warm: built from fresh cache entries alone (no upstream
 * asked, nothing stale) with every line's product active, so that it depends on nothing
 * but the entries `SnapshotCache.viewInputs` lists.
 */
async function buildView(
  deps: CartDeps,
  cart: CartRecord,
  currency: string,
): Promise<{ view: CartViewModel; warm: boolean }> {
  const skus = cart.lines.map((line) => line.sku);
  const [products, stock] = await Promise.all([readProducts(deps, skus), readStock(deps, skus)]);
  // A product the catalog says is gone counts in no total; one never seen (catalog down
  // since before the cache knew it) is shown from the line's own snapshot.
  const active = cart.lines.filter((line) => products.values.get(line.sku) !== null);
  const priced = await readQuote(deps, {
    lines: active.map((line) => ({ sku: line.sku, quantity: line.quantity })),
    currency,
    promotionCode: cart.promotionCode,
    customerId: cart.userId,
  });
  const prices = new Map(priced.quote.lines.map((line) => [line.sku, line] as const));
  const unpriced = new Set(priced.quote.unpriced);
  const items = cart.lines.map((line): CartLineView => {
    const product = products.values.get(line.sku);
    const price = prices.get(line.sku);
    const stale =
      products.stale.has(line.sku) ||
      stock.stale.has(line.sku) ||
      (priced.stale && product !== null);
    return {
      id: line.id,
      sku: line.sku,
      productId: product?.productId ?? line.productId,
      name: product?.name ?? line.name,
      image: product ? product.image : line.image,
      options: product?.options ?? line.options,
      quantity: line.quantity,
      unitPrice: price?.unitPrice ?? null,
      lineTotal: price?.lineTotal ?? null,
      available: stock.values.get(line.sku)?.available ?? null,
      purchasable: product !== null && !(unpriced.has(line.sku) && !priced.stale),
      stale,
    };
  });
  const view: CartViewModel = {
    id: cart.id,
    ...(cart.userId ? { userId: cart.userId } : {}),
    currency,
    items,
    subtotal: priced.quote.subtotal,
    discount: priced.quote.discount,
    total: priced.quote.total,
    ...(cart.promotionCode ? { promotionCode: cart.promotionCode } : {}),
    ...(priced.quote.promotionRejected
      ? { promotionRejected: priced.quote.promotionRejected }
      : {}),
    degraded: items.some((item) => item.stale),
    version: cart.version,
    updatedAt: cart.updatedAt,
    expiresAt: cart.expiresAt,
  };
  const warm =
    !products.asked &&
    !stock.asked &&
    !priced.asked &&
    !view.degraded &&
    active.length === cart.lines.length;
  return { view, warm };
}
