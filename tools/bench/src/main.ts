// `npm run bench [-- --quick] [--large] [--distributed]`: the platform's hot paths against a
// bare Fastify route, same run; then the search on a 50,000-product catalog (skipped by
// --quick unless --large); with --distributed also the services as separate processes on
// the local engines (`npm run infra:up`).
import { resolve } from 'node:path';
import { startBareServer } from './bare-process.ts';
import { cleanup } from './cleanup.ts';
import { benchDistributed, type DistributedBench } from './distributed-bench.ts';
import { REQUIRED_ENGINES, checkEngines } from './engines.ts';
import { runLoad as runAutocannon, thrownLoad, type LoadResult } from './load.ts';
import { hasWrk, runWrk } from './load-wrk.ts';
import {
  LARGE_CATALOG_PRODUCTS,
  benchLargeCatalog,
  formatLargeCatalog,
  largeReadyTimeoutMs,
  runsLargeCatalog,
  type LargeCatalogBench,
} from './large-catalog.ts';
import { SEED_PRICED_PRODUCTS, discoverProductIds, startPlatform } from './platform-process.ts';
import { readProcMemory } from './proc-memory.ts';
import { DISTRIBUTED_WRITES, SEARCH_QUERIES, buildScenarios, type Scenario } from './scenarios.ts';
import { EMBEDDED_ADMIN, benchServiceCredentials, failedChecks } from './shop-data.ts';
import { buildShopScenarios, prepareShop, shopChecks } from './shop-scenarios.ts';
import { buildCartScenarios, prepareCarts } from './cart-scenarios.ts';
import { evaluate } from './evaluate.ts';
import { settle } from './settle.ts';
import { buildCheckoutScenarios, checkoutChecks, prepareCheckout } from './checkout-scenarios.ts';
import {
  describeFailures,
  describeNoise,
  formatChecks,
  formatDistributed,
  formatMemory,
  formatHeader,
  formatTable,
  machineInfo,
  writeJsonReport,
  type BenchReport,
} from './report.ts';

const repoRoot = resolve(import.meta.dirname, '../../..');
const resultsDir = resolve(import.meta.dirname, '../results');
const WARMUP_SECONDS = 2;
/** The first round also warms the JIT of both servers, so its shares are not skewed by a cold one. */
const FIRST_ROUND_WARMUP_SECONDS = 5;
const READY_TIMEOUT_MS = 120_000;

const PRODUCT_IDS = 50;
const DISTRIBUTED_READY_TIMEOUT_MS = 90_000;
/**
 * Products seeded through the distributed API, one at a time. moto deep-copies the whole
 * catalog table (outbox included) for every item of every transaction, so the seed is
 * quadratic there: 200 took 42 s on a quiet machine and 195 s at load 6 (ADR 0040);
 * --quick seeds 100, which the by-id row (50 ids) needs at most.
 */
const DISTRIBUTED_PRODUCTS = 200;
const DISTRIBUTED_QUICK_PRODUCTS = 100;
const DISTRIBUTED_INDEX_TIMEOUT_MS = 120_000;
/** For the deadline only: creating the products one by one through the API. */
const DISTRIBUTED_CREATE_BUDGET_MS = 120_000;
const DISTRIBUTED_SCENARIOS = 8;
/** SKUs the distinct-SKU reservations rotate through (fewer distributed: moto is set up one by one). */
const DISTINCT_SKUS = 500;
const DISTRIBUTED_DISTINCT_SKUS = 100;
/** Anonymous carts each add-to-cart run rotates through (prime: see CartSettings.carts). */
const ADD_TO_CART_CARTS = 199;
const DISTRIBUTED_ADD_TO_CART_CARTS = 31;
/**
 * Connections of the reservation and add-to-cart rows (ADR 0025, 0036). A reservation is acknowledged only after
 * its durable commit (SQLite `synchronous=FULL`, a disk sync of ~1-3 ms here), so with c
 * requests in flight at most c can share one sync: 10 connections measure the latency of
 * a sync, not how many reservations the store takes. A shop taking 2,000 orders/s keeps
 * about 2,000 × 20 ms = 40 reservations in flight (Little's law), so 64.
 */
const RESERVATION_CONNECTIONS = positiveInt('BENCH_RESERVATION_CONNECTIONS', 64);
const LARGE_SCENARIOS = 2;
/** SKUs the checkout carts rotate through, one per cart (distributed: fewer, moto is slow to set up). */
const CHECKOUT_SKUS = 500;
const DISTRIBUTED_CHECKOUT_SKUS = 100;
/**
 * Customers with one prepared cart each per timed checkout run (a customer has one open
 * cart): at the target of 250/s, 4 s of checkouts; the run stops when they are used up and
 * the rate is over the time that took. Signing them up costs two password hashes each.
 */
const CHECKOUT_SHOPPERS = 600;
/**
 * Distributed: a checkout on moto takes seconds, so one timed run places a few dozen at
 * most; every shopper's cart is set up one request at a time before it (ADR 0040).
 */
const DISTRIBUTED_CHECKOUT_SHOPPERS = 40;
const DISTRIBUTED_CHECKOUT_WARMUP_CARTS = 5;
/** SKUs of one setup price or stock batch, distributed (moto copies a table per item). */
const DISTRIBUTED_CHECKOUT_BATCH_ITEMS = 10;
/** For the deadline only: signing up the shoppers (two password hashes each) and their stock. */
const CHECKOUT_SETUP_BUDGET_MS = 300_000;
/** For the deadline only: preparing the carts of one timed checkout run. */
const CHECKOUT_CARTS_BUDGET_MS = 120_000;
const checkoutSettings = (shoppers: number) => ({
  skus: CHECKOUT_SKUS,
  shoppers,
  concurrency: 4,
  warmupCarts: 100,
});

const say = (line = '') => process.stdout.write(`${line}\n`);

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

const FLAGS = ['--quick', '--large', '--distributed'];

function parseArguments(args: string[]) {
  const unknown = args.filter((arg) => !FLAGS.includes(arg));
  if (unknown.length > 0) {
    throw new Error(`unknown argument(s) ${unknown.join(' ')}; only ${FLAGS.join(', ')}`);
  }
  const quick = args.includes('--quick');
  const params = {
    rounds: quick ? 1 : positiveInt('BENCH_ROUNDS', 5),
    seconds: quick ? 3 : positiveInt('BENCH_SECONDS', 5),
    warmupSeconds: WARMUP_SECONDS,
    connections: positiveInt('BENCH_CONNECTIONS', 10),
    pipelining: 1,
  };
  const large = runsLargeCatalog({ quick, large: args.includes('--large') });
  return { params, quick, large, distributed: args.includes('--distributed') };
}

/** Kills the children and exits if anything hangs: every run stops by itself. */
function armDeadline(budgetMs: number): NodeJS.Timeout {
  return setTimeout(() => {
    process.stderr.write(`bench: still running after ${budgetMs / 1000} s, giving up\n`);
    void cleanup().finally(() => process.exit(1));
  }, budgetMs).unref();
}

async function main(): Promise<number> {
  const { params, quick, large, distributed } = parseArguments(process.argv.slice(2));
  const distributedProducts = quick ? DISTRIBUTED_QUICK_PRODUCTS : DISTRIBUTED_PRODUCTS;
  if (distributed) {
    // Checked first: no point measuring the embedded platform for a run that cannot finish.
    const engines = await checkEngines(repoRoot);
    if (!engines.healthy) {
      process.stderr.write(
        `${engines.report}\nbench --distributed needs the local engines (${REQUIRED_ENGINES.join(', ')}) ` +
          'healthy: run `npm run infra:up` first.\n',
      );
      return 1;
    }
  }
  let deadline = armDeadline(READY_TIMEOUT_MS + CHECKOUT_SETUP_BUDGET_MS + 30_000);
  const credentials = benchServiceCredentials();
  const machine = machineInfo();
  const parameters = {
    ...params,
    productIds: PRODUCT_IDS,
    searchQueries: SEARCH_QUERIES.length,
    seedProducts: process.env['SEED_PRODUCTS'] ?? '600 (default)',
    seedPricedProducts: SEED_PRICED_PRODUCTS,
    rateLimitPerClient: '0 (the gateway rate limit is off: all load comes from one client)',
    ...(large ? { largeCatalogProducts: LARGE_CATALOG_PRODUCTS } : {}),
    distinctReservationSkus: DISTINCT_SKUS,
    checkoutSkus: CHECKOUT_SKUS,
    checkoutShoppers: CHECKOUT_SHOPPERS,
    reservationConnections: RESERVATION_CONNECTIONS,
    ...(distributed
      ? {
          distributedSeedProducts: distributedProducts,
          distributedCheckoutShoppers: DISTRIBUTED_CHECKOUT_SHOPPERS,
        }
      : {}),
  };
  for (const line of formatHeader(machine, parameters)) say(line);
  say('Starting the bare Fastify server and the platform (fresh data dir, free ports)…');

  const [bare, platform] = await Promise.all([
    startBareServer(repoRoot),
    startPlatform(repoRoot, READY_TIMEOUT_MS, { SERVICE_CREDENTIALS: credentials.value }),
  ]);
  const afterSeed = await readProcMemory(platform.child.pid);
  const productIds = await discoverProductIds(platform.urls.catalog, PRODUCT_IDS);
  say('Setting up prices and stock for the pricing and inventory scenarios (as the admin)…');
  const shop = await prepareShop(platform.urls.gateway, {
    admin: EMBEDDED_ADMIN,
    serviceClient: credentials.client,
    distinctSkus: DISTINCT_SKUS,
    concurrency: 4,
  });
  say('Setting up a 10-line cart and the products of the cart scenarios…');
  const carts = await prepareCarts(platform.urls.gateway, {
    admin: EMBEDDED_ADMIN,
    concurrency: 4,
    carts: ADD_TO_CART_CARTS,
  });
  say('Setting up the checkout products, stock and shoppers…');
  const checkout = await prepareCheckout(platform.urls.gateway, {
    admin: EMBEDDED_ADMIN,
    ...checkoutSettings(CHECKOUT_SHOPPERS),
  });
  const scenarios = [
    ...buildScenarios({ bare: bare.url, ...platform.urls }, productIds),
    ...buildShopScenarios(
      { pricing: platform.urls['pricing'] ?? '', ...platform.urls },
      shop,
      RESERVATION_CONNECTIONS,
    ),
    ...buildCartScenarios(
      { cart: platform.urls['cart'] ?? '', ...platform.urls },
      carts,
      RESERVATION_CONNECTIONS,
    ),
    ...buildCheckoutScenarios(platform.urls.gateway, checkout),
  ];

  clearTimeout(deadline);
  const perRunMs = (FIRST_ROUND_WARMUP_SECONDS + params.seconds + 15) * 1000;
  // The checkout scenario prepares a cart per shopper before each timed run.
  const cartsBudgetMs = params.rounds * CHECKOUT_CARTS_BUDGET_MS;
  deadline = armDeadline(params.rounds * scenarios.length * perRunMs + cartsBudgetMs + 30_000);

  const useWrk = process.env['BENCH_TOOL'] !== 'autocannon' && (await hasWrk());
  say(
    useWrk
      ? 'Load generator: wrk'
      : 'Load generator: autocannon (install wrk, e.g. `apt-get install wrk`, so the client uses less of the CPU)',
  );
  const total =
    params.rounds * scenarios.length +
    (large ? LARGE_SCENARIOS : 0) +
    (distributed ? DISTRIBUTED_SCENARIOS : 0);
  let done = 0;
  /** Every scenario of `batch`, round after round: the result is [scenario][round]. */
  const runRounds = async (batch: Scenario[], rounds: number): Promise<LoadResult[][]> => {
    const runs: LoadResult[][] = batch.map(() => []);
    for (let round = 1; round <= rounds; round++) {
      for (const [index, scenario] of batch.entries()) {
        const roundTag = rounds > 1 ? ` round ${round}/${rounds}` : '';
        say(`[${++done}/${total}${roundTag}] ${scenario.name} (${scenario.url})…`);
        await settleBefore(scenario);
        const warmupSeconds =
          scenario.warmupSeconds ??
          (round === 1 ? FIRST_ROUND_WARMUP_SECONDS : params.warmupSeconds);
        const { url, paths, headers } = scenario;
        const connections = scenario.connections ?? params.connections;
        const seconds = scenario.seconds ?? params.seconds;
        const load = scenario.run
          ? await scenario.run({ ...params, seconds, connections, warmupSeconds }).catch(thrownLoad)
          : await (scenario.post?.() ?? Promise.resolve(undefined)).then(
              (post) =>
                runLoad({
                  ...params,
                  seconds,
                  connections,
                  warmupSeconds,
                  url,
                  paths,
                  ...(headers ? { headers } : {}),
                  ...(post ? { post } : {}),
                }),
              thrownLoad,
            );
        runs[index]?.push(load);
      }
    }
    return runs;
  };
  /** The embedded platform's services: each row starts once the earlier rows' events are done. */
  const embeddedServices = Object.entries(platform.urls)
    .filter(([name]) => name !== 'gateway')
    .map(([, url]) => url);
  const embeddedScenarios = new Set(scenarios);
  const settleBefore = async (scenario: Scenario) => {
    if (!embeddedScenarios.has(scenario)) return;
    const { waitedMs, left } = await settle(embeddedServices).catch(() => ({
      waitedMs: 0,
      left: NaN,
    }));
    if (waitedMs >= 1_000 || left !== 0)
      say(`  (waited ${waitedMs} ms for earlier events; ${left} still pending)`);
  };
  const runLoad = (options: Parameters<typeof runWrk>[0]) =>
    (useWrk ? runWrk : runAutocannon)(options).catch(thrownLoad);
  const runs = await runRounds(scenarios, params.rounds);
  const afterLoad = await readProcMemory(platform.child.pid);
  const checks = [
    ...(await shopChecks(shop).catch(failedChecks)),
    ...(await checkoutChecks(checkout).catch(failedChecks)),
  ];
  // Stopped now, so they leave the CPU to the distributed run; `cleanup()` removes the rest.
  await Promise.all([bare.child.stop(), platform.child.stop()]);
  /** One round: no targets, and a large catalog is slow to set up. */
  const runOnce = async (batch: Scenario[]) =>
    (await runRounds(batch, 1)).map((rounds) => rounds[0] ?? thrownLoad('not run'));

  let largeRun: LargeCatalogBench | undefined;
  if (large) {
    clearTimeout(deadline);
    const readyMs = largeReadyTimeoutMs(LARGE_CATALOG_PRODUCTS);
    deadline = armDeadline(readyMs + LARGE_SCENARIOS * perRunMs + 30_000);
    largeRun = await benchLargeCatalog(repoRoot, LARGE_CATALOG_PRODUCTS, runOnce, say);
    scenarios.push(...largeRun.scenarios);
    runs.push(...largeRun.loads.map((load) => [load]));
  }

  let distributedRun: DistributedBench | undefined;
  if (distributed) {
    clearTimeout(deadline);
    const startAndSeedMs =
      DISTRIBUTED_READY_TIMEOUT_MS +
      DISTRIBUTED_CREATE_BUDGET_MS +
      DISTRIBUTED_INDEX_TIMEOUT_MS +
      CHECKOUT_SETUP_BUDGET_MS;
    armDeadline(
      startAndSeedMs +
        DISTRIBUTED_SCENARIOS * (perRunMs + DISTRIBUTED_WRITES.seconds * 1000) +
        CHECKOUT_CARTS_BUDGET_MS +
        30_000,
    );
    distributedRun = await benchDistributed(
      repoRoot,
      {
        readyTimeoutMs: DISTRIBUTED_READY_TIMEOUT_MS,
        seed: {
          productCount: distributedProducts,
          // One at a time: the AWS emulator (moto) copies a table for every transaction without
          // a lock, and concurrent writes to the same table make it answer 500 (an HTML page).
          concurrency: 1,
          indexTimeoutMs: DISTRIBUTED_INDEX_TIMEOUT_MS,
        },
        productIds: PRODUCT_IDS,
        credentials,
        distinctSkus: DISTRIBUTED_DISTINCT_SKUS,
        addToCartCarts: DISTRIBUTED_ADD_TO_CART_CARTS,
        checkout: {
          ...checkoutSettings(DISTRIBUTED_CHECKOUT_SHOPPERS),
          skus: DISTRIBUTED_CHECKOUT_SKUS,
          warmupCarts: DISTRIBUTED_CHECKOUT_WARMUP_CARTS,
          batchItems: DISTRIBUTED_CHECKOUT_BATCH_ITEMS,
          // One at a time, as the seed: moto fails concurrent writes to one table.
          concurrency: 1,
        },
      },
      // One round: these have no targets, and each run is slow to set up.
      runOnce,
      say,
    );
    scenarios.push(...distributedRun.scenarios);
    runs.push(...distributedRun.loads.map((load) => [load]));
    checks.push(...distributedRun.checks);
  }
  await cleanup(); // every child stopped, data dirs and the engines' per-run resources removed

  const { reports, memory } = evaluate(scenarios, runs, afterSeed, afterLoad);
  const passed =
    memory.result === 'PASS' && [...reports, ...checks].every((report) => report.result === 'PASS');
  const report: BenchReport = {
    date: new Date().toISOString(),
    machine,
    parameters,
    memory,
    scenarios: reports,
    checks,
    ...(largeRun ? { largeCatalog: largeRun.report } : {}),
    ...(distributedRun ? { distributed: distributedRun.report } : {}),
    passed,
  };

  say();
  say(formatTable(reports));
  say();
  say(formatChecks(checks));
  say();
  const distributedLines = distributedRun ? formatDistributed(distributedRun.report) : [];
  const lines = [
    ...formatMemory(memory),
    ...(largeRun ? formatLargeCatalog(largeRun.report) : []),
    ...distributedLines,
    ...describeFailures(reports),
    ...describeNoise(reports, params.rounds),
  ];
  for (const line of lines) say(line);
  const file = await writeJsonReport(resultsDir, report);
  say(`Results written to ${file}`);
  say(passed ? 'All targets met.' : 'Some targets were missed.');
  return passed ? 0 : 1;
}

for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.once(signal, () => {
    process.stderr.write(`\nbench: ${signal}, stopping the children…\n`);
    void cleanup().finally(() => process.exit(code));
  });
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
} finally {
  await cleanup();
}
process.exit(exitCode);
