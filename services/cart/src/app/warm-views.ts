import type { CartRecord } from '../domain/cart.ts';
import type { CartViewModel } from './cart-view-model.ts';

/** Carts whose last warm view is remembered, the most recently read last. */
const REMEMBERED = 1_000;

export interface WarmView {
  cart: CartRecord;
  currency: string;
  /** The cache keys it depends on (`SnapshotCache.viewKeys`) and the values it was built from. */
  keys: readonly string[];
  inputs: readonly unknown[];
  /** The snapshot cache's generation when `inputs` were read. */
  generation: number;
  freshUntil: number;
  view: CartViewModel;
}

/**
 * The last warm view of each cart (ADR 0036). A view is a pure function of the cart
 * record, the currency and the cache entries it was built from, while those entries are
 * fresh. So when the store answers the very same record (the SQLite store reuses frozen
 * records), and the cache holds the very same entries, and none has stopped being fresh,
 * the same view answers: no re-building, no re-serialising. Same entries: the snapshot
 * cache has written nothing since (its generation), or else each value found is the
 * very object it was built from (identity). Only views that asked no upstream and show
 * nothing stale are remembered. The identity check needs a cache that answers the objects
 * it holds (the in-memory one); the composition root leaves this out with Redis.
 */
export class WarmViews {
  private readonly views = new Map<string, WarmView>();

  /** The remembered view of this very record and currency, while it is fresh. */
  of(cart: CartRecord, currency: string, now: number): WarmView | undefined {
    const known = this.views.get(cart.id);
    if (known === undefined || known.cart !== cart || known.currency !== currency) return;
    if (now >= known.freshUntil) return;
    return known;
  }

  /** True when `values` (of `known.keys`) are the very values `known` was built from. */
  static same(known: WarmView, values: readonly unknown[]): boolean {
    if (values.length !== known.inputs.length) return false;
    for (let index = 0; index < values.length; index++)
      if (values[index] !== known.inputs[index]) return false;
    return true;
  }

  remember(entry: WarmView): void {
    this.views.delete(entry.cart.id);
    this.views.set(entry.cart.id, entry);
    if (this.views.size > REMEMBERED) this.views.delete(this.views.keys().next().value!);
  }
}
