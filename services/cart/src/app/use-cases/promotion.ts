import { withPromotion } from '../../domain/cart.ts';
import { CartErrors } from '../../domain/errors.ts';
import type { Caller } from '../access.ts';
import { isOwner, visible } from '../access.ts';
import { viewCart, type CartViewModel } from '../cart-view.ts';
import type { CartDeps } from '../deps.ts';
import { freshQuote } from '../read-quote.ts';

const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * Applies a promotion code after pricing, asked now with the cart's lines and the code,
 * says it applies (422 with pricing's reason when not; 503 when pricing is down).
 */
export async function applyPromotion(
  deps: CartDeps,
  cartId: string,
  caller: Caller,
  code: string,
  currency?: string,
): Promise<CartViewModel> {
  const now = deps.clock.now();
  const normalized = code.trim().toUpperCase();
  if (!CODE.test(normalized))
    throw CartErrors.PROMOTION_NOT_APPLICABLE.create(`${code} is not a promotion code`, {
      details: { promotionCode: code, reason: 'unknown_code' },
    });
  const cart = visible(await deps.store.get(cartId), caller, now, isOwner);
  const lines = cart.lines.map((line) => ({ sku: line.sku, quantity: line.quantity }));
  const quote = await freshQuote(deps, {
    lines,
    currency: currency ?? deps.defaultCurrency,
    promotionCode: normalized,
    customerId: cart.userId,
  });
  if (quote.promotionRejected || lines.length === 0)
    throw CartErrors.PROMOTION_NOT_APPLICABLE.create(
      `The promotion ${normalized} does not apply to this cart`,
      {
        details: {
          promotionCode: normalized,
          reason: quote.promotionRejected ?? 'no_qualifying_item',
        },
      },
    );
  const updated = await deps.store.change({ cartIds: [cartId] }, (view) => {
    const current = visible(view.carts.get(cartId), caller, now, isOwner);
    const next = withPromotion(current, normalized, deps.rules, now);
    return { result: next, put: [next] };
  });
  return viewCart(deps, updated, currency ?? deps.defaultCurrency);
}

export async function removePromotion(
  deps: CartDeps,
  cartId: string,
  caller: Caller,
): Promise<void> {
  const now = deps.clock.now();
  visible(await deps.store.get(cartId), caller, now, isOwner);
  await deps.store.change({ cartIds: [cartId] }, (view) => {
    const current = visible(view.carts.get(cartId), caller, now, isOwner);
    if (current.promotionCode === null) return { result: undefined };
    return { result: undefined, put: [withPromotion(current, null, deps.rules, now)] };
  });
}
