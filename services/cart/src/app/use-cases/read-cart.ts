import type { Caller } from '../access.ts';
import { mayRead, visible } from '../access.ts';
import { viewCart, type CartViewModel } from '../cart-view.ts';
import type { CartDeps } from '../deps.ts';

/** The cart as its owner (or an admin) sees it; 404 for anyone else. */
export async function readCart(
  deps: CartDeps,
  id: string,
  caller: Caller,
  currency?: string,
): Promise<CartViewModel> {
  const cart = visible(await deps.store.get(id), caller, deps.clock.now(), mayRead);
  return viewCart(deps, cart, currency ?? deps.defaultCurrency);
}
