import { Counter, Registry, collectDefaultMetrics, type Metric } from 'prom-client';
import { DURATION_BUCKETS, RequestStats, type RouteSeries } from './request-stats.ts';

export { Registry, Counter, Gauge, Histogram } from 'prom-client';
export { RequestStats, RouteSeries } from './request-stats.ts';

export interface HttpMetrics {
  registry: Registry;
  /** Request counts and latencies by route, exported at scrape time. */
  stats: RequestStats;
}

/** One registry per service, so services sharing a process keep their own `/metrics`. */
export function createMetrics(service: string, options: { processMetrics: boolean }): HttpMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  const stats = new RequestStats();
  registerRequestCounters(registry, stats);
  registry.registerMetric(durationHistogram(stats));
  return { registry, stats };
}

const seriesLabels = (series: RouteSeries) => ({
  method: series.method,
  route: series.route,
  status: String(series.status),
});

function registerRequestCounters(registry: Registry, stats: RequestStats): void {
  new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
    collect() {
      this.reset();
      for (const series of stats.all()) this.inc(seriesLabels(series), series.count);
    },
  });
  new Counter({
    name: 'http_request_errors_total',
    help: 'HTTP requests answered with a 5xx status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
    collect() {
      this.reset();
      for (const series of stats.all()) {
        if (series.status >= 500) this.inc(seriesLabels(series), series.count);
      }
    },
  });
}

interface HistogramTotals {
  labels: { method: string; route: string };
  count: number;
  sum: number;
  buckets: Float64Array;
}

/** Latency by method and route (summed over statuses), in Prometheus histogram form. */
function histogramTotals(stats: RequestStats): HistogramTotals[] {
  const byRoute = new Map<string, HistogramTotals>();
  for (const series of stats.all()) {
    const key = `${series.method} ${series.route}`;
    let totals = byRoute.get(key);
    if (!totals) {
      totals = {
        labels: { method: series.method, route: series.route },
        count: 0,
        sum: 0,
        buckets: new Float64Array(DURATION_BUCKETS.length),
      };
      byRoute.set(key, totals);
    }
    totals.count += series.count;
    totals.sum += series.durationSum;
    series.bucketCounts.forEach((count, bucket) => (totals.buckets[bucket]! += count));
  }
  return [...byRoute.values()];
}

const DURATION_NAME = 'http_request_duration_seconds';

/**
 * The registry takes any metric that answers `get()` in prom-client's value form (the
 * shape its own `Histogram#get` returns); this one reads the plain-number series, so
 * the request path never touches prom-client.
 */
function durationHistogram(stats: RequestStats): Metric {
  const values = () =>
    histogramTotals(stats).flatMap(({ labels, count, sum, buckets }) => {
      let cumulative = 0;
      const bucketLines = DURATION_BUCKETS.map((bound, index) => {
        cumulative += buckets[index]!;
        return {
          metricName: `${DURATION_NAME}_bucket`,
          labels: { ...labels, le: bound },
          value: cumulative,
        };
      });
      return [
        ...bucketLines,
        { metricName: `${DURATION_NAME}_bucket`, labels: { ...labels, le: '+Inf' }, value: count },
        { metricName: `${DURATION_NAME}_sum`, labels, value: sum },
        { metricName: `${DURATION_NAME}_count`, labels, value: count },
      ];
    });
  const metric = {
    name: DURATION_NAME,
    help: 'HTTP request latency by route',
    type: 'histogram',
    aggregator: 'sum',
    get: async () => ({
      name: metric.name,
      help: metric.help,
      type: metric.type,
      aggregator: metric.aggregator,
      values: values(),
    }),
    reset: () => stats.reset(),
  };
  return metric as unknown as Metric;
}
