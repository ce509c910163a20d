import { registerClientRateLimit, type ClientRateLimiter, type HttpServer } from '@emporium/kit';
import type { GatewayConfig } from '../../config.ts';

/**
 * Health probes and metric scrapes come from a few load-balancer and Prometheus addresses
 * on a schedule; counting them would turn a busy scrape into a false outage. Everything
 * else counts, storefront files included: a page load is a handful of requests, far below
 * the limit, and an uncounted path would be a free one to flood.
 */
const EXEMPT = /^\/(?:health\/(?:live|ready)|metrics)(?:[/?]|$)/;

export const isExemptFromRateLimit = (url: string): boolean => EXEMPT.test(url);

/** RATE_LIMIT_PER_CLIENT per client address: in memory embedded, in Redis with CACHE=redis. */
export function registerGatewayRateLimit(
  app: HttpServer,
  config: GatewayConfig,
): Promise<ClientRateLimiter | undefined> {
  return registerClientRateLimit(app, {
    max: config.RATE_LIMIT_PER_CLIENT,
    windowMs: config.RATE_LIMIT_WINDOW_MS,
    exempt: isExemptFromRateLimit,
    ...(config.CACHE === 'redis'
      ? { redis: { url: config.REDIS_URL, keyPrefix: config.RATE_LIMIT_KEY_PREFIX } }
      : {}),
  });
}
