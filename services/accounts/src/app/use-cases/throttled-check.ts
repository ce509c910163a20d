import type { AppError } from '@emporium/kit';
import type { AccountsDeps } from '../deps.ts';

/**
 * Checks a secret (a current password, a client secret) under a throttle key: refused
 * while the key is throttled, a wrong secret counts as a failure, a right one clears the
 * key. The one place these use cases touch the throttle, so a change of its port changes
 * only this file.
 */
export async function throttledCheck(
  deps: AccountsDeps,
  key: string,
  check: () => Promise<boolean>,
  refusal: (retryAfterSeconds: number) => AppError,
): Promise<boolean> {
  const retryAfterSeconds = await deps.throttle.retryAfterSeconds(key);
  if (retryAfterSeconds > 0) throw refusal(retryAfterSeconds);
  const matches = await check();
  if (matches) await deps.throttle.reset(key);
  else await deps.throttle.recordFailure(key);
  return matches;
}
