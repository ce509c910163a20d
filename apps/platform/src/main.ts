import { closeOnSignals, createLogger } from '@emporium/kit';
import { DEFAULT_ADMIN_PASSWORD, type AccountsConfig } from '@emporium/accounts';
import type { CatalogService } from '@emporium/catalog';
import { seedDemoCatalogIfEmpty } from './seed/seed-demo.ts';
import { seedDemoOffers } from './seed/seed-demo-offers.ts';
import { startPlatform } from './platform.ts';
import { loadPlatformConfig } from './config.ts';
import { renderBanner } from './banner.ts';

const started = performance.now();
const say = (line: string) => process.stdout.write(`${line}\n`);
const {
  SEED: seed,
  SEED_PRODUCTS: productCount,
  SEED_PRICED_PRODUCTS: pricedProducts,
} = loadPlatformConfig(process.env);

// Under load a relay pass per 10 ms carries many commits' events, instead of three disk
// syncs per commit (claim, publish, mark); events still reach search and streams at once to
// a person. Tests start services without it, so their drains see every commit published.
process.env['OUTBOX_COALESCE_MS'] ??= '10';

const platform = await startPlatform({
  beforeListen: async ({ services, bus }) => {
    const catalog = services.get('catalog');
    if (productCount === 0 || !catalog) return;
    const report = await seedDemoCatalogIfEmpty(catalog as CatalogService, {
      seed,
      productCount,
      progress: say,
    });
    if (report.seeded) {
      await bus.drain(30_000);
      say(
        `Seeded ${report.products} products in ${report.categories} categories (${report.ms} ms), search index built.`,
      );
    }
  },
});
closeOnSignals(
  platform,
  createLogger({ level: process.env['LOG_LEVEL'] ?? 'info', service: 'platform' }),
);

const accounts = platform.services.get('accounts')?.config as AccountsConfig;
// Through the pricing and inventory APIs, so after the ports opened; the banner waits for it.
const offers = await seedDemoOffers(platform, {
  seed,
  productCount,
  pricedProducts,
  admin: { email: accounts.ADMIN_EMAIL, password: accounts.ADMIN_PASSWORD },
  progress: say,
});
if (offers && (offers.seededPrices || offers.seededStock))
  say(
    `Seeded ${offers.priceWrites} prices and ${offers.stockWrites} stock counts (${offers.ms} ms), search shows them.`,
  );
say(
  renderBanner({
    seconds: ((performance.now() - started) / 1000).toFixed(1),
    dataDir: process.env['DATA_DIR'] ?? './data',
    urls: platform.urls,
    admin: {
      email: accounts.ADMIN_EMAIL,
      ...(accounts.ADMIN_PASSWORD === DEFAULT_ADMIN_PASSWORD
        ? { defaultPassword: DEFAULT_ADMIN_PASSWORD }
        : {}),
    },
  }),
);
