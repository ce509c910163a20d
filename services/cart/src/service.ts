import { defineService, type RunningService } from '@emporium/kit';
import { manifestEntry } from '@emporium/contracts';
import type { CartDeps } from './app/deps.ts';
import { ExpirySweeper } from './app/expiry-sweeper.ts';
import { SnapshotCache } from './app/snapshot-cache.ts';
import { WarmViews } from './app/warm-views.ts';
import { cacheConsumers } from './adapters/events/cache-consumers.ts';
import { registerCartRoutes } from './adapters/http/cart-routes.ts';
import { selectStores, type CartAdapters } from './adapters/select-stores.ts';
import {
  createUpstreamClients,
  type UpstreamClients,
} from './adapters/upstream/upstream-clients.ts';
import { CartConfigSchema, checkCartConfig, type CartConfig } from './config.ts';

/** The adapters the configuration chose, with what the use cases read through them. */
export type CartStores = CartAdapters &
  CartDeps & {
    clients: UpstreamClients;
    /** Removes expired carts (every few minutes; tests call its `sweep`). */
    sweeper: ExpirySweeper;
  };

export type CartService = RunningService<CartConfig, CartStores>;

const entry = manifestEntry('cart');
const SWEEP_EVERY_MS = 5 * 60_000;

/** The cart on the service host: carts and lines, cached catalog, pricing and stock answers. */
export const cartService = defineService({
  name: entry.name,
  description: 'Carts and their lines, with current product details, prices and stock',
  config: CartConfigSchema,
  portVariable: 'CART_PORT',
  checkConfig: (config) => checkCartConfig(config),

  async stores({ config, clock, commits, logger }): Promise<CartStores> {
    const adapters = await selectStores(config, { clock, onCommit: commits.notify });
    const clients = createUpstreamClients(config, logger);
    const seconds = (value: number) => value * 1000;
    const deps: CartDeps = {
      store: adapters.store,
      upstreams: clients.upstreams,
      snapshots: new SnapshotCache(adapters.cache, clock, {
        productFreshMs: seconds(config.CART_PRODUCT_FRESH_SECONDS),
        quoteFreshMs: seconds(config.CART_QUOTE_FRESH_SECONDS),
        stockFreshMs: seconds(config.CART_STOCK_FRESH_SECONDS),
        staleMs: seconds(config.CART_STALE_TTL_SECONDS),
      }),
      // The in-memory cache answers the objects it holds, so a view can be matched to its
      // inputs by identity; Redis parses new ones for every look-up (ADR 0036).
      ...(config.CACHE === 'redis' ? {} : { views: new WarmViews() }),
      clock,
      rules: {
        maxLines: config.CART_MAX_LINES,
        maxQuantity: config.CART_MAX_QUANTITY,
        anonymousTtlMs: seconds(config.CART_ANONYMOUS_TTL_SECONDS),
        userTtlMs: seconds(config.CART_USER_TTL_SECONDS),
      },
      defaultCurrency: config.CART_DEFAULT_CURRENCY,
      retryAfterSeconds: config.CART_RETRY_AFTER_SECONDS,
    };
    const sweeper = new ExpirySweeper(adapters.store, clock, logger);
    return {
      ...adapters,
      ...deps,
      clients,
      sweeper,
      async close() {
        sweeper.stop();
        await clients.close();
        await adapters.close();
      },
    };
  },

  consumers: (_context, stores) => cacheConsumers(stores.snapshots),

  async start(_context, stores) {
    stores.sweeper.start(SWEEP_EVERY_MS);
  },

  routes(app, { name }, stores) {
    registerCartRoutes(app, stores, name);
  },
});
