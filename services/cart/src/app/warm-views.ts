import type { CartRecord } from '../domain/cart.ts';
import type { CartViewModel } from './cart-view.ts';

/** Carts whose last warm view is remembered, the most recently read last. */
const REMEMBERED = 1_000;

interface WarmView {
  cart: CartRecord;
  currency: string;
  /** The cache entries it was built from, as `SnapshotCache.viewInputs` answered them. */
  inputs: readonly unknown[];
  freshUntil: number;
  view: CartViewModel;
}

/**
 * The last warm view of each cart (ADR 0036). A view is a pure function of the cart
 * record, the currency and the cache entries it was built from, while those entries are
 * fresh; so when the store answers the very same record, the cache the very same entries
 * (compared by identity) and none has stopped being fresh, the same view answers, with no
 * re-building and no re-serialising. Only views that asked no upstream and show nothing
 * stale are remembered. It needs a cache that answers the objects it holds (the in-memory
 * one): with Redis every look-up parses new objects, so the composition root leaves it out.
 */
export class WarmViews {
  private readonly views = new Map<string, WarmView>();

  /** The remembered view, when every input is the one it was built from and still fresh. */
  find(
    cart: CartRecord,
    currency: string,
    inputs: readonly unknown[],
    now: number,
  ): CartViewModel | undefined {
    const known = this.views.get(cart.id);
    if (
      known === undefined ||
      known.cart !== cart ||
      known.currency !== currency ||
      now >= known.freshUntil ||
      known.inputs.length !== inputs.length
    )
      return undefined;
    for (let index = 0; index < inputs.length; index++)
      if (known.inputs[index] !== inputs[index]) return undefined;
    return known.view;
  }

  remember(entry: WarmView): void {
    this.views.delete(entry.cart.id);
    this.views.set(entry.cart.id, entry);
    if (this.views.size > REMEMBERED) this.views.delete(this.views.keys().next().value!);
  }
}
