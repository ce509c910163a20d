import type { RunningService } from '@emporium/kit';
import { generateDemoCatalog } from './demo-catalog.ts';
import { generateDemoOffers } from './demo-offers.ts';
import { seedOffersIfEmpty, type OfferSeedReport } from './seed-offers.ts';

export interface DemoOfferSeedOptions {
  seed: number;
  /** Products of the demo catalog. */
  productCount: number;
  /** Only the first this many products get prices and stock (a large bench catalog stays fast). */
  pricedProducts: number;
  admin: { email: string; password: string };
  progress: (line: string) => void;
  now?: number;
}

/**
 * Prices and stock of the demo catalog's SKUs, through the running services' HTTP APIs,
 * on a first start. Skipped when pricing or inventory is not deployed.
 */
export async function seedDemoOffers(
  platform: { services: ReadonlyMap<string, RunningService>; urls: Record<string, string> },
  options: DemoOfferSeedOptions,
): Promise<OfferSeedReport | undefined> {
  const { urls } = platform;
  const products = Math.min(options.productCount, options.pricedProducts);
  if (products === 0) return undefined;
  if (!urls['pricing'] || !urls['inventory'] || !urls['accounts'] || !urls['catalog'])
    return undefined;
  // The first N products are the same for any count ≥ N: no need to generate them all.
  const catalog = generateDemoCatalog({ seed: options.seed, productCount: products });
  const plan = generateDemoOffers(catalog, { seed: options.seed, now: options.now ?? Date.now() });
  return seedOffersIfEmpty(plan, products, {
    urls: {
      accounts: urls['accounts'],
      pricing: urls['pricing'],
      inventory: urls['inventory'],
      catalog: urls['catalog'],
    },
    admin: options.admin,
    progress: options.progress,
  });
}
