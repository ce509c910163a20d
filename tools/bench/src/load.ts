import autocannon, { type Request as AutocannonRequest } from 'autocannon';

export interface LoadOptions {
  /** Origin, e.g. http://127.0.0.1:4001 */
  url: string;
  /** Paths each connection cycles through, in order. */
  paths: string[];
  seconds: number;
  warmupSeconds: number;
  connections: number;
  /** Headers of every GET (e.g. the cart token of the cart read). */
  headers?: Record<string, string>;
  /** Instead of GETs of `paths`: POSTs of a body drawn per request (see PostSpec). */
  post?: PostSpec;
}

/**
 * POST requests to `path` whose bodies differ: in `template`, every `$N` becomes a number
 * no other request of the run shares (a unique order id), and `$V` the next of `values` in
 * turn (the SKU to reserve).
 */
export interface PostSpec {
  path: string;
  headers: Record<string, string>;
  template: string;
  values: readonly string[];
  /** Makes `$N` unique across runs (warm-up and measured phase included). */
  runId: string;
  /**
   * Instead of `path` alone: the `n`-th request goes to `routes[n % routes.length]`, with
   * its headers on top of `headers` (e.g. a cart each, with its own cart token).
   */
  routes?: readonly PostRoute[];
}

export interface PostRoute {
  path: string;
  headers: Record<string, string>;
}

/** Where the `n`-th request of a PostSpec goes, and its own headers. */
export function postRoute(spec: PostSpec, n: number): PostRoute {
  const routes = spec.routes ?? [];
  return routes.length > 0
    ? (routes[n % routes.length] as PostRoute)
    : { path: spec.path, headers: {} };
}

/** The body of the `n`-th request of a PostSpec (both load generators draw them the same way). */
export function postBody(spec: PostSpec, n: number): string {
  const value = spec.values[n % spec.values.length] ?? '';
  return spec.template.replaceAll('$N', `${spec.runId}-${n}`).replaceAll('$V', value);
}

export interface LoadResult {
  requests: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  firstError?: string;
}

/**
 * One bounded autocannon run (warm-up first, not reported). Latency percentiles come from our
 * own sub-millisecond samples of the measured phase: autocannon's histogram keeps whole ms.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let firstError: string | undefined;
  const instance = autocannon({
    url: options.url,
    requests: options.post
      ? [postRequest(options.post)]
      : options.paths.map((path) => ({
          method: 'GET',
          path,
          ...(options.headers ? { headers: options.headers } : {}),
        })),
    connections: options.connections,
    pipelining: 1,
    duration: options.seconds,
    timeout: 10,
    warmup: { duration: options.warmupSeconds },
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
  });
  instance.on('reqError', (error: Error) => {
    firstError ??= error.message;
  });
  const result = await instance;

  const sorted = Float64Array.from(latencies).sort();
  const percentile = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([code, stat]) => [code, stat.count]),
  );
  return {
    requests: result.requests.total,
    reqPerSec: result.requests.average,
    p50Ms: percentile(0.5),
    p99Ms: percentile(0.99),
    maxMs: sorted.at(-1) ?? NaN,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
    ...(firstError ? { firstError } : {}),
  };
}

function postRequest(spec: PostSpec): AutocannonRequest {
  let n = 0;
  return {
    method: 'POST',
    path: spec.path,
    headers: { 'content-type': 'application/json', ...spec.headers },
    setupRequest: (request) => {
      const route = postRoute(spec, n);
      const body = postBody(spec, n++);
      return {
        ...request,
        path: route.path,
        headers: { ...request.headers, ...route.headers },
        body,
      };
    },
  };
}

/** The result of a run that threw: one error, so the scenario is reported as FAILED. */
export function thrownLoad(error: unknown): LoadResult {
  const base = {
    requests: 0,
    reqPerSec: 0,
    p50Ms: NaN,
    p99Ms: NaN,
    maxMs: NaN,
    timeouts: 0,
    non2xx: 0,
  };
  const firstError = error instanceof Error ? error.message : String(error);
  return { ...base, errors: 1, statusCodes: {}, firstError };
}
