import { isAppError } from '@emporium/kit';
import { CartErrors } from '../domain/errors.ts';

/** True for an upstream that is down, too slow or behind an open breaker (not a 4xx answer). */
export function isUpstreamDown(error: unknown): boolean {
  return isAppError(error) && (error.kind === 'unavailable' || error.kind === 'timeout');
}

/** A write that needs fresh data from an upstream that is down: 503 with Retry-After. */
export function upstreamDown(upstream: string, retryAfterSeconds: number, cause: unknown) {
  return CartErrors.UPSTREAM_DOWN.create(
    `The ${upstream} service cannot be asked now; the cart does not change on old data`,
    { details: { upstream, retryAfterSeconds }, cause },
  );
}
