// The embedded platform again with a large generated catalog (SEED_PRODUCTS), measured after
// the demo-catalog rounds: how search latency and memory grow with the number of products.
import { thrownLoad, type LoadResult } from './load.ts';
import { startPlatform } from './platform-process.ts';
import { readProcMemory } from './proc-memory.ts';
import { SEARCH_QUERIES, type Scenario } from './scenarios.ts';

export const LARGE_CATALOG_PRODUCTS = 50_000;

/** What the large-catalog run measured; `error` when it stopped early. */
export interface LargeCatalogReport {
  products: number;
  /** From spawning `npm start` to its ready line: import and search index included. */
  readySeconds?: number;
  rssAfterSeedMiB?: number;
  rssAfterLoadMiB?: number;
  peakRssMiB?: number;
  error?: string;
}

export interface LargeCatalogBench {
  scenarios: Scenario[];
  loads: LoadResult[];
  report: LargeCatalogReport;
}

/**
 * A minute, plus 5 ms per product: 50,000 products start in ~35 s on a quiet 2-core machine
 * (import ~6 s, the rest the search index built from the import's events).
 */
export function largeReadyTimeoutMs(products: number): number {
  return 60_000 + products * 5;
}

/** Runs by default; `--quick` skips it unless `--large` asks for it. */
export function runsLargeCatalog(flags: { quick: boolean; large: boolean }): boolean {
  return flags.large || !flags.quick;
}

/** The search mix of the demo catalog, on the large one: catalog direct and through the gateway. */
export function buildLargeCatalogScenarios(
  urls: { catalog: string; gateway: string },
  products: number,
): Scenario[] {
  const searches = SEARCH_QUERIES.map((query) => `/search?${query}`);
  const size = `${products.toLocaleString('en-US')} products`;
  return [
    {
      name: `large catalog GET /search?q=… (${size})`,
      url: urls.catalog,
      paths: searches,
      unpaired: true,
    },
    {
      name: `large catalog GET /api/search?q=… (${size})`,
      url: urls.gateway,
      paths: searches.map((path) => `/api${path}`),
      unpaired: true,
    },
  ];
}

export function formatLargeCatalog(report: LargeCatalogReport): string[] {
  const size = report.products.toLocaleString('en-US');
  const lines: string[] = [];
  if (report.readySeconds !== undefined)
    lines.push(`Large catalog (${size} products): ready in ${report.readySeconds.toFixed(1)} s`);
  if (report.rssAfterSeedMiB !== undefined)
    lines.push(`Large catalog RSS after seeding: ${report.rssAfterSeedMiB.toFixed(1)} MiB`);
  if (report.rssAfterLoadMiB !== undefined && report.peakRssMiB !== undefined)
    lines.push(
      `Large catalog RSS after load:    ${report.rssAfterLoadMiB.toFixed(1)} MiB, peak (VmHWM) ${report.peakRssMiB.toFixed(1)} MiB`,
    );
  if (report.error) lines.push(`Large catalog run failed: ${report.error.split('\n')[0]}`);
  return lines;
}

/**
 * Starts the embedded platform with `products` generated products (fresh data dir, free
 * ports), runs the search scenarios with `runScenarios` and stops it. Never throws: a
 * failure is reported on the scenarios as FAILED and in `report.error`.
 */
export async function benchLargeCatalog(
  repoRoot: string,
  products: number,
  runScenarios: (scenarios: Scenario[]) => Promise<LoadResult[]>,
  say: (line: string) => void,
): Promise<LargeCatalogBench> {
  const report: LargeCatalogReport = { products };
  let platform: Awaited<ReturnType<typeof startPlatform>> | undefined;
  try {
    say(`Large catalog: starting the platform with SEED_PRODUCTS=${products}…`);
    const started = performance.now();
    platform = await startPlatform(repoRoot, largeReadyTimeoutMs(products), {
      SEED_PRODUCTS: String(products),
    });
    report.readySeconds = (performance.now() - started) / 1000;
    report.rssAfterSeedMiB = (await readProcMemory(platform.child.pid)).rssMiB;
    say(`Large catalog: ready after ${report.readySeconds.toFixed(1)} s`);
    const scenarios = buildLargeCatalogScenarios(platform.urls, products);
    const loads = await runScenarios(scenarios);
    const afterLoad = await readProcMemory(platform.child.pid);
    report.rssAfterLoadMiB = afterLoad.rssMiB;
    report.peakRssMiB = afterLoad.peakRssMiB;
    return { scenarios, loads, report };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    say(`Large catalog: failed: ${message}`);
    const scenarios = buildLargeCatalogScenarios(
      { catalog: '(not started)', gateway: '(not started)' },
      products,
    );
    return {
      scenarios,
      loads: scenarios.map(() => thrownLoad(message.split('\n')[0])),
      report: { ...report, error: message },
    };
  } finally {
    // Stopped here, so it leaves the CPU to the next run; `cleanup()` removes its data dir.
    await platform?.child.stop();
  }
}
