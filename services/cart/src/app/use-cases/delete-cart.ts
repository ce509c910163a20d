import type { Caller } from '../access.ts';
import { mayDelete, visible } from '../access.ts';
import type { CartDeps } from '../deps.ts';

/** Deletes a cart (its owner; orders after a checkout, with a cart service token). */
export async function deleteCart(deps: CartDeps, cartId: string, caller: Caller): Promise<void> {
  const now = deps.clock.now();
  await deps.store.change({ cartIds: [cartId] }, (view) => {
    const cart = visible(view.carts.get(cartId), caller, now, mayDelete);
    return { result: undefined, delete: [cart] };
  });
}
