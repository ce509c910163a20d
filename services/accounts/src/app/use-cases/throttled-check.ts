import type { AppError } from '@emporium/kit';
import type { AttemptLimit } from '../ports/attempt-throttle.ts';
import type { AccountsDeps } from '../deps.ts';
import { reserveOrRefuse } from '../throttling.ts';

/**
 * Checks a secret (a current password, a client secret) under throttle limits. Like
 * sign-in, the attempt takes its slot *before* the check, so concurrent guesses cannot
 * all pass a check none of them has counted: a wrong secret keeps the slot, a right one
 * gives it back and clears `resetKey`, and a check that judged nothing (it threw) gives
 * it back. The one place these use cases touch the throttle.
 */
export async function throttledCheck(
  deps: AccountsDeps,
  throttle: { limits: AttemptLimit[]; resetKey: string },
  check: () => Promise<boolean>,
  refusal: (retryAfterSeconds: number) => AppError,
): Promise<boolean> {
  const reservation = await reserveOrRefuse(deps.throttle, throttle.limits, refusal);
  let matches: boolean;
  try {
    matches = await check();
  } catch (error) {
    await deps.throttle.release(reservation);
    throw error;
  }
  if (matches) {
    await deps.throttle.release(reservation);
    await deps.throttle.reset(throttle.resetKey);
  }
  return matches;
}
