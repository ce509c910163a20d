import { describe, expect, it } from 'vitest';
import type { LoadResult } from '../src/load.ts';
import { combineRounds, median } from '../src/rounds.ts';
import { buildScenarios, judge } from '../src/scenarios.ts';

function load(reqPerSec: number, overrides: Partial<LoadResult> = {}): LoadResult {
  return {
    requests: reqPerSec * 5,
    reqPerSec,
    p50Ms: 1,
    p99Ms: 4,
    maxMs: 9,
    errors: 0,
    timeouts: 0,
    non2xx: 0,
    statusCodes: { '200': reqPerSec * 5 },
    ...overrides,
  };
}

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([NaN, 5])).toBe(5);
    expect(median([])).toBeNaN();
  });
});

describe('combineRounds', () => {
  it('pairs each round with its own reference, so a slow phase of the machine cancels out', () => {
    const references = [load(20_000), load(10_000), load(20_000)];
    const rounds = [load(11_000), load(5_500), load(9_000)];
    const combined = combineRounds(rounds, references);
    expect(combined.share.median).toBeCloseTo(0.55);
    expect(combined.share.min).toBeCloseTo(0.45);
    expect(combined.share.max).toBeCloseTo(0.55);
    expect(combined.load.reqPerSec).toBe(9_000);
  });

  it('sums the counts and merges status codes over the rounds', () => {
    const combined = combineRounds(
      [load(100, { errors: 1, statusCodes: { '200': 400, '502': 1 } }), load(100)],
      [load(200), load(200)],
    );
    expect(combined.load.errors).toBe(1);
    expect(combined.load.requests).toBe(1_000);
    expect(combined.load.statusCodes).toEqual({ '200': 900, '502': 1 });
  });

  it('has no share without a reference run', () => {
    expect(combineRounds([load(100)], []).share.median).toBeNaN();
  });
});

describe('judge', () => {
  const scenarios = buildScenarios(
    { bare: 'http://bare', catalog: 'http://catalog', gateway: 'http://gateway' },
    ['prd_1'],
  );
  const byName = (prefix: string) => {
    const scenario = scenarios.find((candidate) => candidate.name.startsWith(prefix));
    if (!scenario) throw new Error(`no scenario ${prefix}`);
    return scenario;
  };
  const bare = [load(20_000), load(20_000), load(20_000)];

  it('holds the catalog read to half of the bare route, by the median round', () => {
    const read = byName('catalog GET /products/{id}');
    const passing = combineRounds([load(8_000), load(10_500), load(11_000)], bare);
    const failing = combineRounds([load(9_000), load(9_900), load(12_000)], bare);
    expect(judge(read, passing)).toBe('PASS');
    expect(judge(read, failing)).toBe('FAIL');
  });

  it('marks a run with errors FAILED whatever its rate', () => {
    const read = byName('catalog GET /products/{id}');
    const errored = combineRounds([load(15_000, { non2xx: 3 })], [load(20_000)]);
    expect(judge(read, errored)).toBe('FAILED');
  });

  it('holds search to its p99 and the list page to its absolute rate', () => {
    const search = byName('catalog GET /search');
    expect(judge(search, combineRounds([load(2_000, { p99Ms: 25 })], bare))).toBe('FAIL');
    expect(judge(search, combineRounds([load(2_000, { p99Ms: 12 })], bare))).toBe('PASS');
    const list = byName('catalog GET /products?limit=20');
    expect(judge(list, combineRounds([load(9_999)], bare))).toBe('FAIL');
  });
});
