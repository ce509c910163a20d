import type { CloudEvent } from '@emporium/kit';
import type { CartRecord } from '../../domain/cart.ts';

/** What one change reads: carts by id, and a customer's own cart. */
export interface CartScope {
  cartIds: readonly string[];
  userId?: string;
}

/** The carts a change decides on, read inside the change. */
export interface CartView {
  carts: ReadonlyMap<string, CartRecord>;
  /** The customer's cart when the scope names a user (expired or not). */
  userCart: CartRecord | undefined;
}

/** What a change writes, all in one transaction, and what it answers. */
export interface CartWrites<T> {
  result: T;
  /** New carts (version 1) or carts at a version above the one read. */
  put?: CartRecord[];
  /** Carts removed (as read). */
  delete?: CartRecord[];
  events?: CloudEvent[];
}

/**
 * Carts. `change` is the only write: it reads the scope, lets `decide` (pure,
 * synchronous, maybe run again) choose the writes and commits them with their events
 * atomically, or nothing when `decide` throws. A customer has at most one cart: a new
 * cart of a user whose cart the change did not read (or delete) is refused as a race.
 */
export interface CartStore {
  get(id: string): Promise<CartRecord | undefined>;
  ofUser(userId: string): Promise<CartRecord | undefined>;
  change<T>(scope: CartScope, decide: (view: CartView) => CartWrites<T>): Promise<T>;
  /** Removes up to `limit` carts that expired before `now`; how many it removed. */
  purgeExpired(now: number, limit: number): Promise<number>;
  close(): Promise<void>;
}
