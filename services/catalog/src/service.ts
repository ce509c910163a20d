import { defineService, type RunningService } from '@emporium/kit';
import {
  InventoryEventTypes,
  InventoryTopics,
  PricingEventTypes,
  PricingTopics,
  manifestEntry,
} from '@emporium/contracts';
import type { CatalogDeps } from './app/deps.ts';
import { OfferProjection } from './app/use-cases/offer-projection.ts';
import { SearchProjection } from './app/use-cases/search-projection.ts';
import { registerCategoryRoutes } from './adapters/http/category-routes.ts';
import { registerMediaRoutes } from './adapters/http/media-routes.ts';
import { registerProductRoutes } from './adapters/http/product-routes.ts';
import { ChangeCounter, ResponseCache } from './adapters/http/response-cache.ts';
import { registerSearchRoutes } from './adapters/http/search-routes.ts';
import { MemoizedCategoryTree } from './adapters/storage/memoized-category-tree.ts';
import { CatalogConfigSchema, type CatalogConfig } from './config.ts';
import { selectAdapters, type CatalogAdapters } from './adapters/select-adapters.ts';

/** The adapters the configuration chose, with what the use cases read through them. */
export type CatalogStores = CatalogDeps &
  CatalogAdapters & {
    /** Bumped on every local commit and every applied event: cached reads go stale. */
    changes: ChangeCounter;
  };

/** The catalog as the host runs it (tests read its stores). */
export type CatalogService = RunningService<CatalogConfig, CatalogStores>;

const entry = manifestEntry('catalog');

/** The catalog on the service host: its stores, its search indexer, its routes. */
export const catalogService = defineService({
  name: entry.name,
  description: 'Products, categories, media and search',
  config: CatalogConfigSchema,
  portVariable: 'CATALOG_PORT',

  async stores({ config, clock, commits }): Promise<CatalogStores> {
    const changes = new ChangeCounter();
    commits.listen(() => changes.bump());
    const adapters = await selectAdapters(config, { clock, onCommit: commits.notify });
    const categoryTree = new MemoizedCategoryTree({
      store: adapters.categories,
      generation: () => changes.value,
      clock,
    });
    return { ...adapters, categoryTree, clock, changes };
  },

  consumers({ config }, stores) {
    const projection = new SearchProjection(stores);
    const offers = new OfferProjection(stores, { currency: config.CATALOG_PRICE_CURRENCY });
    return [
      {
        group: 'catalog.search-indexer',
        topics: ['catalog.product', 'catalog.category'],
        handle: async (event) => {
          if (event.type.startsWith('catalog.product.')) await stores.invalidate?.(event.subject);
          await projection.handle(event);
          // Other instances' changes reach this one as events: drop its cached reads too.
          stores.changes.bump();
        },
      },
      {
        // Its own group: a burst of price changes never queues behind a catalog import.
        group: 'catalog.offers',
        topics: [PricingTopics.price, InventoryTopics.stock],
        types: [PricingEventTypes.priceChanged, InventoryEventTypes.stockChanged],
        // No cache bump: product reads and listings carry no price or stock (search does,
        // and search is not cached), so they stay cached through price and stock churn.
        handle: (event) => offers.handle(event),
        // A delivery batch at once: one write of the copy, each product patched once.
        handleBatch: (events) => offers.handleAll(events),
      },
    ];
  },

  async start(_context, stores) {
    // An in-memory index starts empty; a persistent one is kept current by events (`npm run reindex` rebuilds it).
    if ((await stores.search.count()) === 0) await new SearchProjection(stores).reindexAll();
  },

  async routes(app, { config }, stores) {
    const cache = new ResponseCache(stores.changes, {
      maxBytes: config.CATALOG_RESPONSE_CACHE_BYTES,
    });
    registerProductRoutes(app, stores, cache, stores.changes);
    registerCategoryRoutes(app, stores);
    registerSearchRoutes(app, stores);
    await registerMediaRoutes(app, stores, { maxImageBytes: config.CATALOG_MAX_IMAGE_BYTES });
  },
});
