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
  const existing = await catalog.deps.products.list({
    statuses: ['active', 'draft', 'archived'],
    limit: 1,
  });
  if (existing.items.length > 0) return { seeded: false, categories: 0, products: 0, ms: 0 };
  options.progress(
    `Seeding the demo catalog (seed ${options.seed}, ${options.productCount} products)…`,
  );
  const demo = generateDemoCatalog({ seed: options.seed, productCount: options.productCount });
  const counts = await importCatalog(
    catalog.deps,
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
  // The index is built from the import's events; a big catalog needs longer than the
  // launcher's default wait, so wait here with a budget that grows with the catalog.
  await catalog.bus.drain(drainBudgetMs(counts.products));
  return { seeded: true, ...counts, ms: Math.round(performance.now() - started) };
}

/** Half a minute, plus 10 ms per product (a loaded 2-core machine indexes ~300 per second). */
export function drainBudgetMs(products: number): number {
  return 30_000 + products * 10;
}
