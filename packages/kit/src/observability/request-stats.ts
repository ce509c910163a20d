/** Upper bounds (seconds) of the request latency histogram. */
export const DURATION_BUCKETS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
] as const;

/**
 * What one route answered with one status, in plain numbers. Recording is a few
 * additions; prom-client's labelled `inc`/`observe` validate and hash their labels on
 * every call, which showed up in the profile of a cached catalog read.
 */
export class RouteSeries {
  count = 0;
  durationSum = 0;
  /** Observations per bucket, not cumulative; slower ones are only in `count`. */
  readonly bucketCounts = new Float64Array(DURATION_BUCKETS.length);
  readonly method: string;
  readonly route: string;
  readonly status: number;

  constructor(method: string, route: string, status: number) {
    this.method = method;
    this.route = route;
    this.status = status;
  }

  record(seconds: number): void {
    this.count += 1;
    this.durationSum += seconds;
    for (let bucket = 0; bucket < DURATION_BUCKETS.length; bucket++) {
      if (seconds <= DURATION_BUCKETS[bucket]!) {
        this.bucketCounts[bucket]! += 1;
        return;
      }
    }
  }
}

/** Every route series of one service, read by its `/metrics` at scrape time. */
export class RequestStats {
  private readonly byKey = new Map<string, RouteSeries>();

  /** The series to record on; callers on a hot path keep it rather than look it up again. */
  series(method: string, route: string, status: number): RouteSeries {
    const key = `${method} ${status} ${route}`;
    let series = this.byKey.get(key);
    if (!series) {
      series = new RouteSeries(method, route, status);
      this.byKey.set(key, series);
    }
    return series;
  }

  all(): Iterable<RouteSeries> {
    return this.byKey.values();
  }

  /** Zeroes every series in place: hot paths keep references to them. */
  reset(): void {
    for (const series of this.byKey.values()) {
      series.count = 0;
      series.durationSum = 0;
      series.bucketCounts.fill(0);
    }
  }
}
