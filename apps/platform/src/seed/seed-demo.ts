import { importCatalog, type CatalogStores } from '@emporium/catalog';
import { generateDemoCatalog } from './demo-catalog.ts';

export interface SeedReport {
  seeded: boolean;
  categories: number;
  products: number;
  ms: number;
}

/** Seeds the demo catalog when the catalog is empty; a no-op on later starts. */
export async function seedDemoCatalogIfEmpty(
  catalog: CatalogStores,
  options: { seed: number; productCount: number; progress: (line: string) => void },
): Promise<SeedReport> {
  const started = performance.now();
  const existing = await catalog.products.list({
    statuses: ['active', 'draft', 'archived'],
    limit: 1,
  });
  if (existing.items.length > 0) return { seeded: false, categories: 0, products: 0, ms: 0 };
  options.progress(
    `Seeding the demo catalog (seed ${options.seed}, ${options.productCount} products)…`,
  );
  const demo = generateDemoCatalog({ seed: options.seed, productCount: options.productCount });
  const counts = await importCatalog(
    catalog,
    demo.categories,
    demo.products.map(({ key: _key, priceCents: _price, stock: _stock, ...product }) => ({
      ...product,
      status: 'active' as const,
    })),
  );
  return { seeded: true, ...counts, ms: Math.round(performance.now() - started) };
}
