import {
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  TimeoutStrategy,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  wrap,
  BrokenCircuitError,
  TaskCancelledError,
} from 'cockatiel';
import { Pool } from 'undici';
import type { Logger } from 'pino';
import type { Cache } from '../cache/cache.ts';
import { AppError, CommonErrors } from '../errors.ts';
import { outboundTraceHeaders } from '../observability/trace-context.ts';

export interface ServiceClientOptions {
  /** Upstream name, used in errors, logs and breaker metrics. */
  name: string;
  baseUrl: string;
  logger: Logger;
  timeoutMs?: number;
  /** Retries after the first attempt, for idempotent requests only. */
  retries?: number;
  breaker?: { consecutiveFailures: number; halfOpenAfterMs: number };
  /** Stale-if-error: successful GETs are kept this long to answer while the upstream is down. */
  staleCache?: { cache: Cache; ttlMs: number };
  connections?: number;
  /**
   * The `Authorization` value of every request, asked per request (e.g. a
   * ServiceTokenSource's `authorizationFor(audience)`); a request's own header wins.
   */
  authorization?: () => Promise<string>;
}

export interface ServiceRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** POST and PATCH are retried only when the caller says they are safe to repeat. */
  idempotent?: boolean;
}

export interface ServiceResponse<T> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
  /** True when the upstream failed and this answer came from the stale-if-error cache. */
  stale: boolean;
}

export type BreakerState = 'closed' | 'open' | 'half-open' | 'isolated';

class UpstreamFailure extends Error {}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

/**
 * The one way a service calls another: keep-alive pool, timeout per attempt, jittered
 * exponential retries for idempotent requests, a circuit breaker per upstream, and an
 * optional stale-if-error cache. 4xx answers are returned, not retried; 5xx, timeouts
 * and connection errors count against the breaker.
 */
export class ServiceClient {
  private readonly pool: Pool;
  private readonly breaker;
  private readonly retrying;
  private readonly once;
  private readonly options: ServiceClientOptions;

  constructor(options: ServiceClientOptions) {
    this.options = options;
    this.pool = new Pool(options.baseUrl, {
      connections: options.connections ?? 32,
      pipelining: 1,
      keepAliveTimeout: 10_000,
    });
    const failure = handleWhen(
      (error) => error instanceof UpstreamFailure || error instanceof TaskCancelledError,
    );
    const breakerOptions = options.breaker ?? { consecutiveFailures: 5, halfOpenAfterMs: 5_000 };
    this.breaker = circuitBreaker(failure, {
      breaker: new ConsecutiveBreaker(breakerOptions.consecutiveFailures),
      halfOpenAfter: breakerOptions.halfOpenAfterMs,
    });
    this.breaker.onStateChange((state) =>
      options.logger.warn(
        { upstream: options.name, state: stateName(state) },
        'circuit breaker state changed',
      ),
    );
    const perAttempt = timeout(options.timeoutMs ?? 2_000, TimeoutStrategy.Aggressive);
    const retryPolicy = retry(failure, {
      maxAttempts: options.retries ?? 2,
      backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 1_000 }),
    });
    this.retrying = wrap(retryPolicy, this.breaker, perAttempt);
    this.once = wrap(this.breaker, perAttempt);
  }

  breakerState(): BreakerState {
    return stateName(this.breaker.state);
  }

  async request<T>(request: ServiceRequest): Promise<ServiceResponse<T>> {
    const safeToRepeat = request.idempotent ?? IDEMPOTENT.has(request.method);
    const policy = safeToRepeat ? this.retrying : this.once;
    const cacheKey =
      request.method === 'GET' && this.options.staleCache
        ? `${this.options.name}:${pathWithQuery(request)}`
        : undefined;
    try {
      // Outside the policy: a slow token fetch is not this upstream's timeout or failure.
      const authorized = await this.withAuthorization(request);
      const response = await policy.execute(({ signal }) => this.send<T>(authorized, signal));
      if (cacheKey && response.status >= 200 && response.status < 300) {
        await this.options.staleCache!.cache.set(
          cacheKey,
          response.body,
          this.options.staleCache!.ttlMs,
        );
      }
      return response;
    } catch (error) {
      if (cacheKey) {
        const cached = await this.options.staleCache!.cache.get<T>(cacheKey);
        if (cached !== undefined) return { status: 200, headers: {}, body: cached, stale: true };
      }
      throw this.translate(error);
    }
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  private async withAuthorization(request: ServiceRequest): Promise<ServiceRequest> {
    if (!this.options.authorization) return request;
    const authorization = await this.options.authorization();
    return { ...request, headers: { authorization, ...request.headers } };
  }

  private async send<T>(request: ServiceRequest, signal: AbortSignal): Promise<ServiceResponse<T>> {
    const hasBody = request.body !== undefined;
    let response;
    try {
      response = await this.pool.request({
        method: request.method,
        path: pathWithQuery(request),
        headers: {
          accept: 'application/json',
          ...(hasBody ? { 'content-type': 'application/json' } : {}),
          ...outboundTraceHeaders(),
          ...request.headers,
        },
        body: hasBody ? JSON.stringify(request.body) : null,
        signal,
      });
    } catch (error) {
      if (signal.aborted) throw error;
      throw new UpstreamFailure(`${this.options.name}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const text = await response.body.text();
    if (response.statusCode >= 500)
      throw new UpstreamFailure(`${this.options.name} answered ${response.statusCode}`);
    const body = (text ? JSON.parse(text) : undefined) as T;
    return { status: response.statusCode, headers: response.headers, body, stale: false };
  }

  private translate(error: unknown): AppError {
    if (error instanceof AppError) return error;
    if (error instanceof TaskCancelledError) {
      return CommonErrors.UPSTREAM_TIMEOUT.create(`${this.options.name} did not answer in time`, {
        details: { upstream: this.options.name },
      });
    }
    const reason = error instanceof BrokenCircuitError ? 'circuit open' : (error as Error).message;
    return CommonErrors.UPSTREAM_UNAVAILABLE.create(
      `${this.options.name} is unavailable (${reason})`,
      { details: { upstream: this.options.name } },
    );
  }
}

function stateName(state: CircuitState): BreakerState {
  const names: Record<CircuitState, BreakerState> = {
    [CircuitState.Closed]: 'closed',
    [CircuitState.Open]: 'open',
    [CircuitState.HalfOpen]: 'half-open',
    [CircuitState.Isolated]: 'isolated',
  };
  return names[state];
}

function pathWithQuery(request: ServiceRequest): string {
  const entries = Object.entries(request.query ?? {}).filter(([, value]) => value !== undefined);
  if (entries.length === 0) return request.path;
  return `${request.path}?${new URLSearchParams(entries.map(([key, value]): [string, string] => [key, String(value)]))}`;
}
