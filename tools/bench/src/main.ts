// `npm run bench [-- --quick]`: the platform's hot paths against a bare Fastify route, same run.
import { resolve } from 'node:path';
import { startBareServer } from './bare-process.ts';
import { cleanup } from './cleanup.ts';
import { runLoad, type LoadResult } from './load.ts';
import { hasWrk, runWrk } from './load-wrk.ts';
import { discoverProductIds, startPlatform } from './platform-process.ts';
import { readProcMemory, type ProcMemory } from './proc-memory.ts';
import {
  SEARCH_QUERIES,
  buildScenarios,
  judge,
  pickReference,
  type Scenario,
} from './scenarios.ts';
import {
  describeFailures,
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
const READY_TIMEOUT_MS = 60_000;
const PRODUCT_IDS = 50;
const RSS_LIMIT_MIB = 250;

const say = (line = '') => process.stdout.write(`${line}\n`);

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

function parseParameters(args: string[]) {
  const unknown = args.filter((arg) => arg !== '--quick');
  if (unknown.length > 0) throw new Error(`unknown argument(s) ${unknown.join(' ')}; only --quick`);
  const quick = args.includes('--quick');
  return {
    seconds: quick ? 3 : positiveInt('BENCH_SECONDS', 10),
    warmupSeconds: WARMUP_SECONDS,
    connections: positiveInt('BENCH_CONNECTIONS', 10),
    pipelining: 1,
  };
}

/** A scenario whose run threw counts as one error, so it is reported as FAILED. */
function thrownLoad(error: unknown): LoadResult {
  const base = {
    requests: 0,
    reqPerSec: 0,
    p50Ms: NaN,
    p99Ms: NaN,
    maxMs: NaN,
    timeouts: 0,
    non2xx: 0,
  };
  return { ...base, errors: 1, statusCodes: {}, firstError: String(error) };
}

/** Kills the children and exits if anything hangs: every run stops by itself. */
function armDeadline(budgetMs: number): NodeJS.Timeout {
  return setTimeout(() => {
    process.stderr.write(`bench: still running after ${budgetMs / 1000} s, giving up\n`);
    void cleanup().finally(() => process.exit(1));
  }, budgetMs).unref();
}

/** Verdicts per scenario (against the faster bare run) and for the platform's memory. */
function evaluate(
  scenarios: Scenario[],
  loads: LoadResult[],
  afterSeed: ProcMemory,
  afterLoad: ProcMemory,
) {
  const references = pickReference(loads.filter((_, index) => scenarios[index]?.reference));
  const bareLoad = references.reference ?? thrownLoad('no reference run');
  const reports: ScenarioReport[] = scenarios.map((scenario, index) => {
    const load = loads[index] ?? thrownLoad('not run');
    return {
      name: scenario.name,
      url: scenario.url,
      distinctPaths: scenario.paths.length,
      pctOfBare: bareLoad.reqPerSec > 0 ? (100 * load.reqPerSec) / bareLoad.reqPerSec : NaN,
      target: scenario.target?.label ?? 'no errors',
      result: judge(scenario, load, bareLoad),
      load,
    };
  });
  const memory: MemoryReport = {
    rssAfterSeedMiB: afterSeed.rssMiB,
    rssAfterLoadMiB: afterLoad.rssMiB,
    peakRssMiB: afterLoad.peakRssMiB,
    target: `< ${RSS_LIMIT_MIB} MiB`,
    result: afterSeed.rssMiB < RSS_LIMIT_MIB ? 'PASS' : 'FAIL',
  };
  return { reports, memory, referenceSpread: references.spread };
}

async function main(): Promise<number> {
  const params = parseParameters(process.argv.slice(2));
  const startupDeadline = armDeadline(READY_TIMEOUT_MS + 30_000);
  const machine = machineInfo();
  const parameters = {
    ...params,
    productIds: PRODUCT_IDS,
    searchQueries: SEARCH_QUERIES.length,
    seedProducts: process.env['SEED_PRODUCTS'] ?? '600 (default)',
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

  clearTimeout(startupDeadline);
  const perScenarioMs = (params.warmupSeconds + params.seconds + 15) * 1000;
  armDeadline(scenarios.length * perScenarioMs + 30_000);

  const useWrk = process.env['BENCH_TOOL'] !== 'autocannon' && (await hasWrk());
  say(
    useWrk
      ? 'Load generator: wrk'
      : 'Load generator: autocannon (install wrk, e.g. `apt-get install wrk`, so the client uses less of the CPU)',
  );
  const load = useWrk ? runWrk : runLoad;
  const loads: LoadResult[] = [];
  for (const [index, scenario] of scenarios.entries()) {
    say(`[${index + 1}/${scenarios.length}] ${scenario.name} (${scenario.url})…`);
    loads.push(
      await load({ ...params, url: scenario.url, paths: scenario.paths }).catch(thrownLoad),
    );
  }
  const afterLoad = await readProcMemory(platform.child.pid);
  await cleanup(); // both children stopped, data dir removed

  const { reports, memory, referenceSpread } = evaluate(scenarios, loads, afterSeed, afterLoad);
  const passed = memory.result === 'PASS' && reports.every((report) => report.result === 'PASS');
  const report: BenchReport = {
    date: new Date().toISOString(),
    machine,
    parameters,
    memory,
    scenarios: reports,
    passed,
  };

  say();
  say(formatTable(reports));
  say();
  for (const line of [...formatMemory(memory), ...describeFailures(reports)]) say(line);
  if (referenceSpread > 0.15) {
    say(
      `Note: the two reference runs differ by ${Math.round(referenceSpread * 100)}%: the machine's ` +
        `load changed during the run; '% of bare' uses the faster one.`,
    );
  }
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
