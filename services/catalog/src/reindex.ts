/** `npm run reindex`: rebuilds the search index from the product store (after a mapping change, or a restore). */
import { createLogger, systemClock } from '@emporium/kit';
import { SearchProjection } from './app/use-cases/search-projection.ts';
import { selectAdapters } from './adapters/select-adapters.ts';
import { loadCatalogConfig } from './config.ts';

const config = loadCatalogConfig();
const logger = createLogger({ level: config.LOG_LEVEL, service: 'catalog-reindex' });
const adapters = await selectAdapters(config, { clock: systemClock, onCommit: () => undefined });
try {
  const started = performance.now();
  // A one-off run reads the tree straight from the store.
  const deps = { ...adapters, categoryTree: adapters.categories, clock: systemClock };
  const indexed = await new SearchProjection(deps).reindexAll();
  logger.info(
    { indexed, ms: Math.round(performance.now() - started), search: config.SEARCH },
    'search index rebuilt',
  );
} finally {
  await adapters.close();
}
