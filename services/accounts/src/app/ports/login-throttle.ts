/**
 * Counts failed sign-ins per key (email + client address). Async so that a shared
 * store (Redis) can stand in for the in-memory one when several instances run.
 */
export interface LoginThrottle {
  /** Seconds until the key may try again; 0 when it may try now. */
  retryAfterSeconds(key: string): Promise<number>;
  recordFailure(key: string): Promise<void>;
  reset(key: string): Promise<void>;
}
