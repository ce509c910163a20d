import type { Clock } from '@emporium/kit';
import type { CartRules } from '../domain/cart.ts';
import type { CartStore } from './ports/cart-store.ts';
import type { Upstreams } from './ports/upstreams.ts';
import type { SnapshotCache } from './snapshot-cache.ts';

/** What the use cases need, built once by the composition root. */
export interface CartDeps {
  store: CartStore;
  upstreams: Upstreams;
  snapshots: SnapshotCache;
  clock: Clock;
  rules: CartRules;
  defaultCurrency: string;
  /** Retry-After of a write refused because an upstream is down. */
  retryAfterSeconds: number;
}
