import type { LoadResult } from './load.ts';

/**
 * Noise control for a shared machine: the scenarios run in rounds, each round starting
 * with the bare reference, and every share of the reference is taken within one round
 * (paired, minutes apart at most). The reported figure is the median over the rounds,
 * so one run caught by a noisy neighbour moves neither the rate nor the verdict.
 */
export interface Combined {
  /** Median over the rounds for rates and latencies; counts are summed. */
  load: LoadResult;
  /** Median, lowest and highest per-round share of the reference's req/s (0.5 = 50%). */
  share: { median: number; min: number; max: number };
  rounds: LoadResult[];
}

export function median(values: number[]): number {
  const sorted = values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function mergeStatusCodes(loads: LoadResult[]): Record<string, number> {
  const merged: Record<string, number> = {};
  for (const load of loads) {
    for (const [code, count] of Object.entries(load.statusCodes)) {
      merged[code] = (merged[code] ?? 0) + count;
    }
  }
  return merged;
}

export function combineLoads(loads: LoadResult[]): LoadResult {
  const sum = (pick: (load: LoadResult) => number) =>
    loads.reduce((total, load) => total + pick(load), 0);
  const firstError = loads.find((load) => load.firstError)?.firstError;
  return {
    requests: sum((load) => load.requests),
    reqPerSec: median(loads.map((load) => load.reqPerSec)),
    p50Ms: median(loads.map((load) => load.p50Ms)),
    p99Ms: median(loads.map((load) => load.p99Ms)),
    maxMs: Math.max(...loads.map((load) => load.maxMs)),
    errors: sum((load) => load.errors),
    timeouts: sum((load) => load.timeouts),
    non2xx: sum((load) => load.non2xx),
    statusCodes: mergeStatusCodes(loads),
    ...(firstError ? { firstError } : {}),
  };
}

/** `rounds` and `references` are aligned: the reference run of the same round. */
export function combineRounds(rounds: LoadResult[], references: LoadResult[]): Combined {
  const shares = rounds.map((load, index) => {
    const reference = references[index]?.reqPerSec ?? 0;
    return reference > 0 ? load.reqPerSec / reference : NaN;
  });
  const known = shares.filter((share) => !Number.isNaN(share));
  return {
    load: combineLoads(rounds),
    share: {
      median: median(shares),
      min: known.length > 0 ? Math.min(...known) : NaN,
      max: known.length > 0 ? Math.max(...known) : NaN,
    },
    rounds,
  };
}
