import { newCart, isExpired } from '../../domain/cart.ts';
import type { Caller } from '../access.ts';
import { newCartToken } from '../access.ts';
import type { CartDeps } from '../deps.ts';
import { newCartId } from '../ids.ts';

export interface CreatedCart {
  id: string;
  token?: string;
  /** False when a signed-in customer already had a cart: that one is answered. */
  created: boolean;
}

/**
 * A signed-in customer's cart is bound to them (one per customer: asking again answers
 * the one they have, unless it expired); an anonymous cart gets an unguessable id and a
 * token, answered once, of which only the hash is kept.
 */
export async function createCart(deps: CartDeps, caller: Caller): Promise<CreatedCart> {
  const now = deps.clock.now();
  const userId = caller.userId;
  if (!userId) {
    const { token, hash } = newCartToken();
    const cart = newCart({ id: newCartId(), userId: null, tokenHash: hash }, deps.rules, now);
    await deps.store.change({ cartIds: [cart.id] }, () => ({ result: undefined, put: [cart] }));
    return { id: cart.id, token, created: true };
  }
  const existing = await deps.store.ofUser(userId);
  if (existing && !isExpired(existing, now)) return { id: existing.id, created: false };
  return deps.store.change<CreatedCart>({ cartIds: [], userId }, (view) => {
    const current = view.userCart;
    if (current && !isExpired(current, now)) return { result: { id: current.id, created: false } };
    const cart = newCart({ id: newCartId(), userId, tokenHash: null }, deps.rules, now);
    return {
      result: { id: cart.id, created: true },
      put: [cart],
      ...(current ? { delete: [current] } : {}),
    };
  });
}
