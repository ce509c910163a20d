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
import { discoverProductIds, startPlatform } from './platform-process.ts';
import { readProcMemory, type ProcMemory } from './proc-memory.ts';
import { combineRounds } from './rounds.ts';
import { SEARCH_QUERIES, buildScenarios, judge, type Scenario } from './scenarios.ts';
import {
  describeFailures,
  describeNoise,
  formatDistributed,
  formatMemory,
  formatHeader,
  formatTable,
  machineInfo,
  writeJsonReport,
  type BenchReport,
  type MemoryReport,
  type ScenarioReport,
} from './report.ts';

const repoRoot = resolve(import.meta.dirname, '../../..');
const resultsDir = resolve(import.meta.dirname, '../results');
const WARMUP_SECONDS = 2;
/** The first round also warms the JIT of both servers, so its shares are not skewed by a cold one. */
const FIRST_ROUND_WARMUP_SECONDS = 5;
const READY_TIMEOUT_MS = 60_000;
const PRODUCT_IDS = 50;
const RSS_LIMIT_MIB = 250;
const DISTRIBUTED_READY_TIMEOUT_MS = 90_000;
const DISTRIBUTED_PRODUCTS = 200;
const DISTRIBUTED_INDEX_TIMEOUT_MS = 120_000;
/** For the deadline only: creating the products one by one through the API. */
const DISTRIBUTED_CREATE_BUDGET_MS = 120_000;
const DISTRIBUTED_SCENARIOS = 2;
const LARGE_SCENARIOS = 2;

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
  return { params, large, distributed: args.includes('--distributed') };
}

/** Kills the children and exits if anything hangs: every run stops by itself. */
function armDeadline(budgetMs: number): NodeJS.Timeout {
  return setTimeout(() => {
    process.stderr.write(`bench: still running after ${budgetMs / 1000} s, giving up\n`);
    void cleanup().finally(() => process.exit(1));
  }, budgetMs).unref();
}

/** Verdicts per scenario (medians over the rounds, shares within each round) and for memory. */
function evaluate(
  scenarios: Scenario[],
  runs: LoadResult[][],
  afterSeed: ProcMemory,
  afterLoad: ProcMemory,
) {
  const referenceIndex = scenarios.findIndex((scenario) => scenario.reference);
  const references = runs[referenceIndex] ?? [];
  const reports: ScenarioReport[] = scenarios.map((scenario, index) => {
    const combined = combineRounds(
      runs[index] ?? [thrownLoad('not run')],
      scenario.unpaired ? [] : references,
    );
    return {
      name: scenario.name,
      url: scenario.url,
      distinctPaths: scenario.paths.length,
      pctOfBare: 100 * combined.share.median,
      pctOfBareRange: { low: 100 * combined.share.min, high: 100 * combined.share.max },
      target: scenario.target?.label ?? 'no errors',
      result: judge(scenario, combined),
      load: combined.load,
      rounds: combined.rounds,
    };
  });
  const memory: MemoryReport = {
    rssAfterSeedMiB: afterSeed.rssMiB,
    rssAfterLoadMiB: afterLoad.rssMiB,
    peakRssMiB: afterLoad.peakRssMiB,
    target: `< ${RSS_LIMIT_MIB} MiB`,
    result: afterSeed.rssMiB < RSS_LIMIT_MIB ? 'PASS' : 'FAIL',
  };
  return { reports, memory };
}

async function main(): Promise<number> {
  const { params, large, distributed } = parseArguments(process.argv.slice(2));
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
  let deadline = armDeadline(READY_TIMEOUT_MS + 30_000);
  const machine = machineInfo();
  const parameters = {
    ...params,
    productIds: PRODUCT_IDS,
    searchQueries: SEARCH_QUERIES.length,
    seedProducts: process.env['SEED_PRODUCTS'] ?? '600 (default)',
    rateLimitPerClient: '0 (the gateway rate limit is off: all load comes from one client)',
    ...(large ? { largeCatalogProducts: LARGE_CATALOG_PRODUCTS } : {}),
    ...(distributed ? { distributedSeedProducts: DISTRIBUTED_PRODUCTS } : {}),
  };
  for (const line of formatHeader(machine, parameters)) say(line);
  say('Starting the bare Fastify server and the platform (fresh data dir, free ports)…');

  const [bare, platform] = await Promise.all([
    startBareServer(repoRoot),
    startPlatform(repoRoot, READY_TIMEOUT_MS),
  ]);
  const afterSeed = await readProcMemory(platform.child.pid);
  const productIds = await discoverProductIds(platform.urls.catalog, PRODUCT_IDS);
  const scenarios = buildScenarios({ bare: bare.url, ...platform.urls }, productIds);

  clearTimeout(deadline);
  const perRunMs = (FIRST_ROUND_WARMUP_SECONDS + params.seconds + 15) * 1000;
  deadline = armDeadline(params.rounds * scenarios.length * perRunMs + 30_000);

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
        const warmupSeconds = round === 1 ? FIRST_ROUND_WARMUP_SECONDS : params.warmupSeconds;
        const { url, paths } = scenario;
        const load = await runLoad({ ...params, warmupSeconds, url, paths });
        runs[index]?.push(load);
      }
    }
    return runs;
  };
  const runLoad = (options: Parameters<typeof runWrk>[0]) =>
    (useWrk ? runWrk : runAutocannon)(options).catch(thrownLoad);
  const runs = await runRounds(scenarios, params.rounds);
  const afterLoad = await readProcMemory(platform.child.pid);
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
      DISTRIBUTED_READY_TIMEOUT_MS + DISTRIBUTED_CREATE_BUDGET_MS + DISTRIBUTED_INDEX_TIMEOUT_MS;
    armDeadline(startAndSeedMs + DISTRIBUTED_SCENARIOS * perRunMs + 30_000);
    distributedRun = await benchDistributed(
      repoRoot,
      {
        readyTimeoutMs: DISTRIBUTED_READY_TIMEOUT_MS,
        seed: {
          productCount: DISTRIBUTED_PRODUCTS,
          // One at a time: the AWS emulator (moto) copies a table for every transaction without
          // a lock, and concurrent writes to the same table make it answer 500 (an HTML page).
          concurrency: 1,
          indexTimeoutMs: DISTRIBUTED_INDEX_TIMEOUT_MS,
        },
        productIds: PRODUCT_IDS,
      },
      // One round: these have no targets, and each run is slow to set up.
      runOnce,
      say,
    );
    scenarios.push(...distributedRun.scenarios);
    runs.push(...distributedRun.loads.map((load) => [load]));
  }
  await cleanup(); // every child stopped, data dirs and the engines' per-run resources removed

  const { reports, memory } = evaluate(scenarios, runs, afterSeed, afterLoad);
  const passed = memory.result === 'PASS' && reports.every((report) => report.result === 'PASS');
  const report: BenchReport = {
    date: new Date().toISOString(),
    machine,
    parameters,
    memory,
    scenarios: reports,
    ...(largeRun ? { largeCatalog: largeRun.report } : {}),
    ...(distributedRun ? { distributed: distributedRun.report } : {}),
    passed,
  };

  say();
  say(formatTable(reports));
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
