import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  HookHandlerDoneFunction,
  onResponseHookHandler,
} from 'fastify';
import type { HttpMetrics } from '../observability/metrics.ts';
import type { RouteSeries } from '../observability/request-stats.ts';

const SLOW_REQUEST_MS = 1000;

/**
 * `routeMethod` is the route's one method; undefined for routes answering several (`all`,
 * `['GET', 'HEAD']`) and for the not-found handler, which take the request's own method.
 */
function recorderFor(metrics: HttpMetrics, route: string, routeMethod?: string) {
  const seriesByKey = new Map<string, RouteSeries>();
  return (request: FastifyRequest, reply: FastifyReply): void => {
    const status = reply.statusCode;
    const method = routeMethod ?? request.method;
    const key = routeMethod ? String(status) : `${method} ${status}`;
    let series = seriesByKey.get(key);
    if (!series) {
      series = metrics.stats.series(method, route, status);
      seriesByKey.set(key, series);
    }
    const ms = reply.elapsedTime;
    series.record(ms / 1000);
    if (status >= 500 || ms > SLOW_REQUEST_MS) {
      request.log.warn({ method, url: request.url, status, ms }, 'request');
    }
  };
}

const asArray = <T>(hooks: T | T[] | undefined): T[] =>
  hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks];

/**
 * Request count, errors and latency by route. Each route gets its own onResponse hook
 * that already knows its route label: reading `request.routeOptions` per request
 * rebuilds an options object and costs more than the whole metric update.
 */
export function registerRequestMetrics(app: FastifyInstance, metrics: HttpMetrics): void {
  app.addHook('onRoute', (route) => {
    const methods = asArray(route.method);
    const record = recorderFor(metrics, route.url, methods.length === 1 ? methods[0] : undefined);
    const hook: onResponseHookHandler = (request, reply, done: HookHandlerDoneFunction) => {
      record(request, reply);
      done();
    };
    route.onResponse = [...asArray(route.onResponse), hook];
  });
  // Requests no route matched (the not-found handler) have no route hook.
  const unmatched = recorderFor(metrics, 'unmatched');
  app.addHook('onResponse', (request, reply, done) => {
    if (request.is404) unmatched(request, reply);
    done();
  });
}
