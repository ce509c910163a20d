import { defineService, type RunningService } from '@emporium/kit';
import { CatalogTopics, manifestEntry } from '@emporium/contracts';
import type { PricingDeps } from './app/deps.ts';
import { PriceScheduler } from './app/price-scheduler.ts';
import type { PromotionDeps } from './app/promotion-deps.ts';
import { quotePricesFrom } from './app/quote-prices-from-store.ts';
import { syncProductCategories } from './app/use-cases/sync-product-categories.ts';
import { PriceReadCache } from './adapters/http/price-read-cache.ts';
import { registerPriceBatchRoute } from './adapters/http/price-batch-routes.ts';
import { registerPriceRoutes } from './adapters/http/price-routes.ts';
import { registerPromotionRoutes } from './adapters/http/promotion-routes.ts';
import { registerQuoteRoutes } from './adapters/http/quote-routes.ts';
import { registerShippingRoutes } from './adapters/http/shipping-routes.ts';
import { loadRateTable } from './adapters/rates/load-rate-table.ts';
import type { PricingStorage } from './adapters/storage/pricing-storage.ts';
import { selectStorage } from './adapters/select-storage.ts';
import {
  PricingConfigSchema,
  checkPricingConfig,
  currenciesOf,
  type PricingConfig,
} from './config.ts';

/** The adapters the configuration chose, the scheduler, and what the use cases read. */
export type PricingStores = PricingDeps &
  PromotionDeps &
  Pick<PricingStorage, 'outbox'> & {
    scheduler: PriceScheduler;
    readCache: PriceReadCache;
    readiness: { name: string; check(): Promise<void> | void }[];
    close(): Promise<void>;
  };

/** Pricing as the host runs it (tests read its stores). */
export type PricingService = RunningService<PricingConfig, PricingStores>;

const entry = manifestEntry('pricing');

/** Pricing on the service host: prices and their schedules (promotions and quotes join here). */
export const pricingService = defineService({
  name: entry.name,
  description:
    'Prices per SKU and currency, scheduled and tier prices, history, promotions, quotes',
  config: PricingConfigSchema,
  portVariable: 'PRICING_PORT',

  checkConfig: (config) => checkPricingConfig(config),

  async stores({ config, clock, commits, logger }): Promise<PricingStores> {
    const rates = config.PRICING_RATES_FILE
      ? loadRateTable(config.PRICING_RATES_FILE)
      : loadRateTable();
    const storage = await selectStorage(config, { clock, onCommit: commits.notify });
    const readCache = new PriceReadCache({
      clock,
      maxEntries: config.PRICING_READ_CACHE_ENTRIES,
      ttlMs: config.PRICING_READ_CACHE_TTL_MS,
    });
    commits.listen(() => readCache.bump());
    const scheduler = new PriceScheduler({
      prices: storage.prices,
      clock,
      logger,
      onPass: () => readCache.bump(),
    });
    return {
      prices: storage.prices,
      promotions: storage.promotions,
      productCategories: storage.productCategories,
      quotes: storage.quotes,
      quotePrices: quotePricesFrom(storage.prices),
      quoteTtlMs: config.PRICING_QUOTE_TTL_SECONDS * 1000,
      rates,
      outbox: storage.outbox,
      clock,
      currencies: currenciesOf(config),
      defaultCurrency: config.PRICING_DEFAULT_CURRENCY,
      onScheduleChanged: () => scheduler.wake(),
      scheduler,
      readCache,
      readiness: [{ name: storage.engine, check: () => storage.ready() }],
      async close() {
        await scheduler.stop();
        await storage.close();
      },
    };
  },

  consumers: (_context, stores) => [
    {
      // Category promotions need each SKU's categories: a copy kept from the catalog's events.
      group: 'pricing.catalog-categories',
      topics: [CatalogTopics.product],
      handle: (event) => syncProductCategories(stores.productCategories, event),
    },
  ],

  async start(_context, stores) {
    // Boundaries passed while no replica ran (a restart) are applied before the routes open.
    await stores.scheduler.start();
  },

  routes(app, _context, stores) {
    registerPriceRoutes(app, stores, stores.readCache);
    registerPriceBatchRoute(app, stores, stores.readCache);
    registerPromotionRoutes(app, stores);
    registerQuoteRoutes(app, stores);
    registerShippingRoutes(app, stores);
  },
});
