import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';

export interface KeepTryingOptions {
  /** Aborting ends the attempts; the call then resolves false. */
  signal: AbortSignal;
  logger: Logger;
  /** Wait before the first retry, doubled after each failure up to `maxDelayMs`. */
  firstDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Runs `attempt` until it succeeds (true) or `signal` aborts (false). A service whose Kafka
 * is briefly unavailable when it boots must join once it is back, not stay broken until a
 * restart: the client gives up a join after three tries, so the bus keeps trying itself.
 */
export async function keepTrying(
  what: string,
  attempt: () => Promise<void>,
  { signal, logger, firstDelayMs = 500, maxDelayMs = 5_000 }: KeepTryingOptions,
): Promise<boolean> {
  for (let failures = 0; !signal.aborted; failures++) {
    try {
      await attempt();
      return true;
    } catch (err) {
      if (signal.aborted) break;
      const waitMs = Math.min(maxDelayMs, firstDelayMs * 2 ** failures);
      logger.warn({ err, attempt: failures + 1, retryInMs: waitMs }, `${what} failed; retrying`);
      await sleep(waitMs, undefined, { signal }).catch(() => undefined);
    }
  }
  return false;
}
