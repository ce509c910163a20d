// `--distributed`: the platform as separate processes on the local engines, measured through
// its gateway after the embedded scenarios, in the same run and table.
import { readServicesMemory, startDistributed } from './distributed-process.ts';
import { REQUIRED_ENGINES, checkEngines, countRedisKeys } from './engines.ts';
import { thrownLoad, type LoadResult } from './load.ts';
import type { DistributedReport } from './report.ts';
import { buildDistributedScenarios, type Scenario } from './scenarios.ts';
import { BENCH_ADMIN, seedThroughApi, type SeedOptions } from './seed-through-api.ts';
import type { CheckReport } from './report.ts';
import { failedChecks } from './shop-data.ts';
import {
  buildDistributedShopScenarios,
  prepareShop,
  shopChecks,
  type ShopFixture,
} from './shop-scenarios.ts';
import { SERVICE_MANIFEST } from '@emporium/contracts';
import { buildDistributedCartScenarios, prepareCarts, type CartFixture } from './cart-scenarios.ts';
import {
  buildDistributedCheckoutScenarios,
  checkoutChecks,
  prepareCheckout,
  type CheckoutSettings,
} from './checkout-scenarios.ts';

export interface DistributedSettings {
  readyTimeoutMs: number;
  seed: SeedOptions;
  /** How many of the seeded products the by-id scenario cycles through. */
  productIds: number;
  /** SERVICE_CREDENTIALS of the run and the bench's own client (for reservation tokens). */
  credentials: { value: string; client: { clientId: string; clientSecret: string } };
  /** SKUs the distinct-SKU reservations rotate through. */
  distinctSkus: number;
  /** Anonymous carts each add-to-cart run rotates through. */
  addToCartCarts: number;
  /** The checkout scenario's products, shoppers and carts (the admin is the bench's). */
  checkout: Omit<CheckoutSettings, 'admin'>;
}

export interface DistributedBench {
  scenarios: Scenario[];
  loads: LoadResult[];
  report: DistributedReport;
  checks: CheckReport[];
}

/**
 * Starts the distributed platform, seeds it through the gateway, runs its scenarios with
 * `runScenarios` and stops it. Never throws: a failure is reported on the scenarios as
 * FAILED and in `report.error`, so the embedded figures are still printed.
 */
export async function benchDistributed(
  repoRoot: string,
  settings: DistributedSettings,
  runScenarios: (scenarios: Scenario[]) => Promise<LoadResult[]>,
  say: (line: string) => void,
): Promise<DistributedBench> {
  let report: DistributedReport = { resources: {} };
  const began = performance.now();
  const phaseSeconds: Record<string, number> = {};
  let phaseBegan = began;
  /** Closes the phase that ran until now under `name`. */
  const phase = (name: string) => {
    const now = performance.now();
    phaseSeconds[name] = (now - phaseBegan) / 1000;
    phaseBegan = now;
  };
  const timed = () => ({ wallSeconds: (performance.now() - began) / 1000, phaseSeconds });
  try {
    // Checked again: the engines are shared, and one may have stopped since the run began.
    const engines = await checkEngines(repoRoot);
    if (!engines.healthy) {
      throw new Error(
        `the local engines (${REQUIRED_ENGINES.join(', ')}) are not all healthy: ` +
          `run \`npm run infra:up\`\n${engines.report}`,
      );
    }
    say(
      `Distributed: starting ${SERVICE_MANIFEST.map((entry) => entry.name).join(', ')} as separate processes…`,
    );
    const platform = await startDistributed(
      repoRoot,
      settings.readyTimeoutMs,
      settings.credentials.value,
    );
    report = { resources: { ...platform.resources } };
    phase('start');
    const count = settings.seed.productCount;
    say(
      `Distributed: ready (gateway ${platform.urls.gateway}); seeding ${count} products through its admin API…`,
    );
    const seeded = await seedThroughApi(platform.urls.gateway, { ...settings.seed, log: say });
    report.seed = {
      products: count,
      createSeconds: seeded.createMs / 1000,
      searchableSeconds: seeded.searchableMs / 1000,
    };
    say(`Distributed: all ${count} searchable after ${report.seed.searchableSeconds.toFixed(1)} s`);
    report.rssAfterSeedMiB = (await readServicesMemory(platform.services)).totalMiB;
    phase('seed');

    say(`Distributed: setting up prices (PostgreSQL) and stock (DynamoDB) through the gateway…`);
    const shop: ShopFixture = await prepareShop(platform.urls.gateway, {
      admin: BENCH_ADMIN,
      serviceClient: settings.credentials.client,
      distinctSkus: settings.distinctSkus,
      // One at a time, as the seed: moto fails concurrent writes to one table.
      concurrency: 1,
    });
    say('Distributed: setting up a 10-line cart (DynamoDB, Redis cache) through the gateway…');
    const carts: CartFixture = await prepareCarts(platform.urls.gateway, {
      admin: BENCH_ADMIN,
      concurrency: 1,
      carts: settings.addToCartCarts,
    });
    say('Distributed: setting up the checkout products, stock and shoppers…');
    const checkout = await prepareCheckout(platform.urls.gateway, {
      ...settings.checkout,
      admin: BENCH_ADMIN,
    });
    const scenarios = [
      ...buildDistributedScenarios(
        platform.urls.gateway,
        seeded.productIds.slice(0, settings.productIds),
      ),
      ...buildDistributedShopScenarios(platform.urls.gateway, shop),
      ...buildDistributedCartScenarios(platform.urls.gateway, carts),
      ...buildDistributedCheckoutScenarios(platform.urls.gateway, checkout),
    ];
    phase('setup');
    const loads = await runScenarios(scenarios);
    phase('rows');
    const checks = [
      ...(await shopChecks(shop, 'distributed: ').catch(failedChecks)),
      ...(await checkoutChecks(checkout, 'distributed: ').catch(failedChecks)),
    ];
    phase('checks');

    const afterLoad = await readServicesMemory(platform.services);
    report.rssAfterLoadMiB = afterLoad.totalMiB;
    report.rssAfterLoadPerServiceMiB = afterLoad.perServiceMiB;
    report.redisKeysAfterLoad = await countRedisKeys(platform.resources).catch(() => undefined);
    await platform.stop();
    phase('stop');
    return { scenarios, loads, report: { ...report, ...timed() }, checks };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    say(`Distributed: failed: ${message}`);
    const scenarios = [
      ...buildDistributedScenarios('(not started)', []),
      ...buildDistributedShopScenarios('(not started)', undefined),
      ...buildDistributedCartScenarios('(not started)', undefined),
      ...buildDistributedCheckoutScenarios('(not started)', undefined),
    ];
    return {
      scenarios,
      loads: scenarios.map(() => thrownLoad(message.split('\n')[0])),
      report: { ...report, ...timed(), error: message },
      checks: failedChecks(new Error(`distributed: ${message}`)),
    };
  }
}
