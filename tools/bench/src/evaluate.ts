import type { LoadResult } from './load.ts';
import { thrownLoad } from './load.ts';
import type { ProcMemory } from './proc-memory.ts';
import type { MemoryReport, ScenarioReport } from './report.ts';
import { combineRounds } from './rounds.ts';
import { judge, type Scenario } from './scenarios.ts';

export const RSS_LIMIT_MIB = 250;

/** Verdicts per scenario (medians over the rounds, shares within each round) and for memory. */
export function evaluate(
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
