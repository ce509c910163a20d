import rateLimit, { type RateLimitPluginOptions } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CommonErrors } from '../errors.ts';

export interface ClientRateLimitOptions {
  /** Requests per client per window; 0 turns the limit off. */
  max: number;
  windowMs: number;
  /** A Redis shared by every replica (distributed mode); without it, counts stay in memory. */
  redis?: { url: string; keyPrefix: string };
  /** Requests never counted, e.g. health probes and metric scrapes. */
  exempt?: (url: string) => boolean;
}

/** The verdict for a request answered outside Fastify (the gateway's in-process handoff). */
export interface RateLimitVerdict {
  allowed: boolean;
  /** `ratelimit-*` headers to send with the answer. */
  headers: Record<string, string>;
}

export interface ClientRateLimiter {
  /** Counts one request of `clientAddress`. */
  check(clientAddress: string): Promise<RateLimitVerdict>;
}

interface LimitResult {
  isAllowed: boolean;
  max?: number;
  remaining?: number;
  ttlInSeconds?: number;
  isExceeded?: boolean;
}

/**
 * A per-client limit on every request of `app` (routes and not-found answers alike), keyed
 * by `request.ip`, which the server's trusted proxies make the real client. Over the limit,
 * 429 problem+json with Retry-After and the draft RateLimit headers. When the store fails
 * (Redis down) requests pass: a lost counter must not take the shop down with it.
 * Returns undefined when the limit is off.
 */
export async function registerClientRateLimit(
  app: FastifyInstance,
  options: ClientRateLimitOptions,
): Promise<ClientRateLimiter | undefined> {
  if (options.max === 0) return undefined;
  const exempt = options.exempt ?? (() => false);
  const settings: RateLimitPluginOptions = {
    global: false,
    max: options.max,
    timeWindow: options.windowMs,
    cache: 10_000,
    enableDraftSpec: true,
    skipOnError: true,
    keyGenerator: (request) => request.ip,
    allowList: (request) => exempt(request.url),
    errorResponseBuilder: (_request, context) =>
      CommonErrors.RATE_LIMITED.create(
        `Too many requests from this address: at most ${context.max}, retry in ${context.after}`,
      ),
  };
  if (options.redis) {
    const { Redis } = await import('ioredis');
    const redis = new Redis(options.redis.url, { maxRetriesPerRequest: 1, connectTimeout: 2_000 });
    app.addHook('onClose', async () => void (await redis.quit()));
    Object.assign(settings, { redis, nameSpace: options.redis.keyPrefix });
  }
  await app.register(rateLimit, settings);
  app.addHook('onRequest', app.rateLimit());
  const apply = app.createRateLimit();
  return {
    async check(clientAddress) {
      // The plugin reads only these two fields of a request.
      const request = { ip: clientAddress, url: '', routeOptions: { config: {} } };
      const result = (await apply(request as unknown as FastifyRequest)) as LimitResult;
      return verdictOf(result);
    },
  };
}

function verdictOf(result: LimitResult): RateLimitVerdict {
  if (result.isAllowed || result.max === undefined) return { allowed: true, headers: {} };
  return {
    allowed: !result.isExceeded,
    headers: {
      'ratelimit-limit': String(result.max),
      'ratelimit-remaining': String(result.remaining ?? 0),
      'ratelimit-reset': String(result.ttlInSeconds ?? 0),
    },
  };
}
