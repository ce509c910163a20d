import type { Clock } from '@emporium/kit';
import type { CartRules } from '../domain/cart.ts';
import type { CartStore } from './ports/cart-store.ts';
import type { Upstreams } from './ports/upstreams.ts';
import type { SnapshotCache } from './snapshot-cache.ts';
import type { WarmViews } from './warm-views.ts';

/** What the use cases need, built once by the composition root. */
export interface CartDeps {
  store: CartStore;
  upstreams: Upstreams;
  snapshots: SnapshotCache;
  /** The last warm view per cart; only with a cache that answers the objects it holds. */
  views?: WarmViews;
  clock: Clock;
  rules: CartRules;
  defaultCurrency: string;
  /** Retry-After of a write refused because an upstream is down. */
  retryAfterSeconds: number;
}
