import { setTimeout as delay } from 'node:timers/promises';
import { importCatalog, type CatalogService } from '@emporium/catalog';
import { generateDemoCatalog } from './demo-catalog.ts';

export interface SeedReport {
  seeded: boolean;
  categories: number;
  products: number;
  ms: number;
}

/** Seeds the demo catalog when the catalog is empty; a no-op on later starts. */
export async function seedDemoCatalogIfEmpty(
  catalog: CatalogService,
  options: { seed: number; productCount: number; progress: (line: string) => void },
): Promise<SeedReport> {
  const started = performance.now();
  const existing = await catalog.stores.products.list({
    statuses: ['active', 'draft', 'archived'],
    limit: 1,
  });
  if (existing.items.length > 0) return { seeded: false, categories: 0, products: 0, ms: 0 };
  options.progress(
    `Seeding the demo catalog (seed ${options.seed}, ${options.productCount} products)…`,
  );
  const demo = generateDemoCatalog({ seed: options.seed, productCount: options.productCount });
  const counts = await importCatalog(
    catalog.stores,
    demo.categories,
    demo.products.map(({ key: _key, priceCents: _price, stock: _stock, ...product }) => ({
      ...product,
      status: 'active' as const,
    })),
  );
  const imported = Math.round(performance.now() - started);
  options.progress(
    `Imported ${counts.products} products in ${imported} ms; building the search index…`,
  );
  await waitForIndex(catalog, counts.products, options.progress);
  return { seeded: true, ...counts, ms: Math.round(performance.now() - started) };
}

const POLL_MS = 1_000;
const PROGRESS_EVERY_MS = 10_000;

/** Half a minute, plus 10 ms per product (a loaded 2-core machine indexes ~300 per second). */
export function drainBudgetMs(products: number): number {
  return 30_000 + products * 10;
}

/**
 * The index is built from the import's events. Waits until the relay has published
 * them all and every consumer caught up, with a budget that grows with the catalog (the
 * launcher's own drain allows 30 s, which 50,000 products need several times over).
 */
async function waitForIndex(
  catalog: CatalogService,
  products: number,
  progress: (line: string) => void,
): Promise<void> {
  const deadline = Date.now() + drainBudgetMs(products);
  let nextReport = Date.now() + PROGRESS_EVERY_MS;
  for (;;) {
    const unpublished = await catalog.relay!.pending();
    const lag = Object.values((await catalog.bus!.stats()).lag).reduce((a, b) => a + b, 0);
    if (unpublished === 0 && lag === 0) return;
    if (Date.now() > deadline)
      throw new Error(`The search index was not built in time: ${unpublished + lag} events left`);
    if (Date.now() >= nextReport) {
      progress(`  …${unpublished + lag} of ${products} products left to index`);
      nextReport += PROGRESS_EVERY_MS;
    }
    await delay(POLL_MS);
  }
}
