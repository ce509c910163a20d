// `--distributed`: the platform as separate processes on the local engines, measured through
// its gateway after the embedded scenarios, in the same run and table.
import { readServicesMemory, startDistributed } from './distributed-process.ts';
import { REQUIRED_ENGINES, checkEngines, countRedisKeys } from './engines.ts';
import { thrownLoad, type LoadResult } from './load.ts';
import type { DistributedReport } from './report.ts';
import { buildDistributedScenarios, type Scenario } from './scenarios.ts';
import { seedThroughApi, type SeedOptions } from './seed-through-api.ts';
import { SERVICE_MANIFEST } from '@emporium/contracts';

export interface DistributedSettings {
  readyTimeoutMs: number;
  seed: SeedOptions;
  /** How many of the seeded products the by-id scenario cycles through. */
  productIds: number;
}

export interface DistributedBench {
  scenarios: Scenario[];
  loads: LoadResult[];
  report: DistributedReport;
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
    const platform = await startDistributed(repoRoot, settings.readyTimeoutMs);
    report = { resources: { ...platform.resources } };
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

    const scenarios = buildDistributedScenarios(
      platform.urls.gateway,
      seeded.productIds.slice(0, settings.productIds),
    );
    const loads = await runScenarios(scenarios);

    const afterLoad = await readServicesMemory(platform.services);
    report.rssAfterLoadMiB = afterLoad.totalMiB;
    report.rssAfterLoadPerServiceMiB = afterLoad.perServiceMiB;
    report.redisKeysAfterLoad = await countRedisKeys(platform.resources).catch(() => undefined);
    await platform.stop();
    return { scenarios, loads, report };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    say(`Distributed: failed: ${message}`);
    const scenarios = buildDistributedScenarios('(not started)', []);
    return {
      scenarios,
      loads: scenarios.map(() => thrownLoad(message.split('\n')[0])),
      report: { ...report, error: message },
    };
  }
}
