import { closeOnSignals } from '@emporium/kit';
import { seedDemoCatalogIfEmpty } from './seed/seed-demo.ts';
import { startPlatform } from './platform.ts';
import { loadPlatformConfig } from './config.ts';

const started = performance.now();
const say = (line: string) => process.stdout.write(`${line}\n`);
const { SEED: seed, SEED_PRODUCTS: productCount } = loadPlatformConfig(process.env);

const platform = await startPlatform({
  beforeListen: async ({ catalog, bus }) => {
    if (productCount === 0) return;
    const report = await seedDemoCatalogIfEmpty(catalog, { seed, productCount, progress: say });
    if (report.seeded) {
      await bus.drain(30_000);
      say(
        `Seeded ${report.products} products in ${report.categories} categories (${report.ms} ms), search index built.`,
      );
    }
  },
});
closeOnSignals(platform, platform.catalog.app.log);

const seconds = ((performance.now() - started) / 1000).toFixed(1);
say(`
Emporium is ready in ${seconds} s (embedded mode, data in ${process.env['DATA_DIR'] ?? './data'})
  Storefront       ${platform.urls.gateway}/
  API              ${platform.urls.gateway}/api/products
  Search           ${platform.urls.gateway}/api/search?q=headphones
  API docs         ${platform.urls.catalog}/docs   (catalog)   ${platform.urls.accounts}/docs   (accounts)
  Admin login      POST ${platform.urls.gateway}/api/auth/login  {"email":"admin@emporium.local","password":"admin-password"}
  Health           ${platform.urls.gateway}/health/ready
Press Ctrl+C to stop.`);
