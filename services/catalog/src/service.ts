import {
  OutboxRelay,
  createEventBus,
  createHttpServer,
  createJwtVerifier,
  createLogger,
  registerAuth,
  registerDeadLetterRoutes,
  remoteKeys,
  systemClock,
  type Clock,
  type EventBus,
  type HttpServer,
  type Logger,
  type TokenVerifier,
} from '@emporium/kit';
import type { CatalogDeps } from './app/deps.ts';
import { SearchProjection } from './app/use-cases/search-projection.ts';
import { registerCategoryRoutes } from './adapters/http/category-routes.ts';
import { registerMediaRoutes } from './adapters/http/media-routes.ts';
import { registerProductRoutes } from './adapters/http/product-routes.ts';
import { ChangeCounter, ResponseCache } from './adapters/http/response-cache.ts';
import { registerSearchRoutes } from './adapters/http/search-routes.ts';
import { MemoizedCategoryTree } from './adapters/storage/memoized-category-tree.ts';
import type { CatalogConfig } from './config.ts';
import { registerBusMetrics } from './adapters/metrics/bus-metrics.ts';
import { selectAdapters } from './adapters/select-adapters.ts';

export interface CatalogOverrides {
  logger?: Logger;
  clock?: Clock;
  /** The process-wide bus in embedded mode; the catalog opens its own when absent. */
  bus?: EventBus;
  verifier?: TokenVerifier;
  processMetrics?: boolean;
}

export interface CatalogService {
  app: HttpServer;
  deps: CatalogDeps;
  relay: OutboxRelay;
  bus: EventBus;
  /** Listens on the configured port; resolves with the bound address. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** Composition root: builds every adapter from config and wires the use cases to HTTP and events. */
export async function createCatalogService(
  config: CatalogConfig,
  overrides: CatalogOverrides = {},
): Promise<CatalogService> {
  const logger = overrides.logger ?? createLogger({ level: config.LOG_LEVEL, service: 'catalog' });
  const clock = overrides.clock ?? systemClock;
  const changes = new ChangeCounter();
  let relay: OutboxRelay | undefined;
  const adapters = await selectAdapters(config, {
    clock,
    onCommit: () => {
      changes.bump();
      relay?.notify();
    },
  });
  const ownBus = !overrides.bus;
  const bus = overrides.bus ?? (await createEventBus(config, 'catalog', clock, logger));
  relay = new OutboxRelay({ store: adapters.outbox, bus, logger });
  const categoryTree = new MemoizedCategoryTree({
    store: adapters.categories,
    generation: () => changes.value,
    clock,
  });
  const deps: CatalogDeps = { ...adapters, categoryTree, clock };

  const projection = new SearchProjection(deps);
  bus.subscribe({
    group: 'catalog.search-indexer',
    topics: ['catalog.product', 'catalog.category'],
    handle: async (event) => {
      if (event.type.startsWith('catalog.product.')) await adapters.invalidate?.(event.subject);
      await projection.handle(event);
      // Other instances' changes reach this one as events: drop its cached reads too.
      changes.bump();
    },
  });
  // An in-memory index starts empty; a persistent one is kept current by events (`npm run reindex` rebuilds it).
  if ((await deps.search.count()) === 0) await projection.reindexAll();

  const { app, metrics } = await createHttpServer({
    name: 'catalog',
    description: 'Products, categories, media and search',
    logger,
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    processMetrics: overrides.processMetrics ?? true,
    readiness: adapters.readiness,
  });
  registerBusMetrics(metrics.registry, relay, bus);
  registerAuth(
    app,
    overrides.verifier ??
      createJwtVerifier({
        keys: remoteKeys(config.AUTH_JWKS_URL),
        issuer: config.AUTH_ISSUER,
        audience: config.AUTH_AUDIENCE,
        clockSkewSeconds: config.AUTH_CLOCK_SKEW_SECONDS,
      }),
  );
  registerProductRoutes(
    app,
    deps,
    new ResponseCache(changes, { maxBytes: config.CATALOG_RESPONSE_CACHE_BYTES }),
    changes,
  );
  registerCategoryRoutes(app, deps);
  registerSearchRoutes(app, deps);
  await registerMediaRoutes(app, deps, { maxImageBytes: config.CATALOG_MAX_IMAGE_BYTES });
  registerDeadLetterRoutes(app, bus, 'catalog');
  await app.ready();
  relay.start();
  if (ownBus) await bus.start();

  return {
    app,
    deps,
    relay,
    bus,
    listen: () => app.listen({ host: config.HOST, port: config.CATALOG_PORT }),
    async close() {
      await app.close();
      await relay.flush();
      if (ownBus) await bus.close();
      await adapters.close();
    },
  };
}
