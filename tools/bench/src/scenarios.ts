import type { LoadResult, PostSpec } from './load.ts';
import type { Combined } from './rounds.ts';

/** A mix of what shoppers type: whole words, typos, prefixes, two-word queries, filters and sorts. */
export const SEARCH_QUERIES = [
  'q=headphones',
  'q=wireless',
  'q=skillet',
  'q=hiking%20boots',
  'q=monitor',
  'q=jacket',
  'q=hedphones',
  'q=lap',
  'q=backpak',
  'q=cast%20iron',
  'q=wool',
  'q=earb',
  'q=running%20shoes',
  'q=desk&sort=newest',
  'q=lamp&limit=40',
  'q=tent&brand=Northpine',
  'q=&category=electronics',
  'q=wireles%20speker',
  'q=water',
  'q=chair',
];

export interface Target {
  label: string;
  met(result: Combined): boolean;
}

export interface Scenario {
  name: string;
  url: string;
  paths: string[];
  target?: Target;
  /** The bare-Fastify run that opens every round: the reference for '% of bare'. */
  reference?: boolean;
  /** Run after the rounds, on another platform: no reference of its own round, no '% of bare'. */
  unpaired?: boolean;
  /** Headers of every GET of `paths` (the cart read's cart token). */
  headers?: Record<string, string>;
  /** POSTs instead of GETs of `paths`, drawn afresh before each run (a fresh token each time). */
  post?: () => Promise<PostSpec>;
  /** Connections of this scenario, when not the run's `connections` (named in the row). */
  connections?: number;
  /** Measured and warm-up seconds of this scenario, when not the run's (named in the row). */
  seconds?: number;
  warmupSeconds?: number;
  /**
   * Its own load instead of wrk or autocannon (e.g. checkouts, each on a cart prepared
   * before the timed part); `paths` then only names what it calls.
   */
  run?: (options: RunOptions) => Promise<LoadResult>;
}

/**
 * The distributed rows that write to DynamoDB (on moto, ADR 0040): moto runs one
 * transaction at a time in effect and copies a table per item, so a write takes about a
 * second. At 10 connections a hot key queued 10 s deep (wrk's timeout) and what the
 * warm-up left in flight delayed the measured run past its 3 s, which then counted nothing.
 * Fewer connections and a longer window measure the rate instead of the queue.
 */
export const DISTRIBUTED_WRITES = { connections: 4, seconds: 10, warmupSeconds: 2 } as const;
export const DISTRIBUTED_WRITES_LABEL = `${DISTRIBUTED_WRITES.connections} conns, ${DISTRIBUTED_WRITES.seconds} s`;

/** What a scenario's own `run` is given: the run's parameters. */
export interface RunOptions {
  seconds: number;
  warmupSeconds: number;
  connections: number;
}

export const atLeastShareOfBare = (share: number): Target => ({
  label: `>= ${share * 100}% of bare`,
  met: (result) => result.share.median >= share,
});
export const atLeastReqPerSec = (reqPerSec: number): Target => ({
  label: `>= ${reqPerSec.toLocaleString('en-US')} req/s`,
  met: (result) => result.load.reqPerSec >= reqPerSec,
});
const p99Below = (ms: number): Target => ({
  label: `p99 < ${ms} ms`,
  met: (result) => result.load.p99Ms < ms,
});

export function buildScenarios(
  urls: { bare: string; catalog: string; gateway: string },
  productIds: string[],
): Scenario[] {
  const searches = SEARCH_QUERIES.map((query) => `/search?${query}`);
  return [
    {
      name: 'bare Fastify GET /bare (reference)',
      url: urls.bare,
      paths: ['/bare'],
      reference: true,
    },
    {
      name: 'catalog GET /products/{id}',
      url: urls.catalog,
      paths: productIds.map((id) => `/products/${id}`),
      target: atLeastShareOfBare(0.5),
    },
    {
      name: 'gateway GET /api/products/{id}',
      url: urls.gateway,
      paths: productIds.map((id) => `/api/products/${id}`),
      target: atLeastShareOfBare(0.3),
    },
    {
      name: 'catalog GET /products?limit=20',
      url: urls.catalog,
      paths: ['/products?limit=20'],
      target: atLeastReqPerSec(10_000),
    },
    { name: 'catalog GET /search?q=…', url: urls.catalog, paths: searches, target: p99Below(20) },
    {
      name: 'gateway GET /api/search?q=…',
      url: urls.gateway,
      paths: searches.map((p) => `/api${p}`),
    },
  ];
}

/** The same mix without the filters that need categories: the distributed run seeds none. */
export const DISTRIBUTED_SEARCH_QUERIES = SEARCH_QUERIES.filter(
  (query) => !query.includes('category='),
);

/** Through the gateway of the distributed platform; no targets, only clean runs. */
export function buildDistributedScenarios(gateway: string, productIds: string[]): Scenario[] {
  return [
    {
      name: 'distributed gateway GET /api/products/{id} (DynamoDB + Redis cache)',
      url: gateway,
      unpaired: true,
      paths: productIds.map((id) => `/api/products/${id}`),
    },
    {
      name: 'distributed GET /api/search?q=… (OpenSearch)',
      url: gateway,
      unpaired: true,
      paths: DISTRIBUTED_SEARCH_QUERIES.map((query) => `/api/search?${query}`),
    },
  ];
}

export type Verdict = 'PASS' | 'FAIL' | 'FAILED';

/** FAILED: the run had errors, timeouts or non-2xx answers; FAIL: clean run that missed its target. */
export function judge(scenario: Scenario, result: Combined): Verdict {
  const { errors, timeouts, non2xx, requests } = result.load;
  if (errors > 0 || timeouts > 0 || non2xx > 0 || requests === 0) return 'FAILED';
  if (!scenario.target) return 'PASS';
  return scenario.target.met(result) ? 'PASS' : 'FAIL';
}
