/** At most `max` attempts under `key` within any `windowMs`; a key always comes with the same window. */
export interface AttemptLimit {
  key: string;
  max: number;
  windowMs: number;
}

export interface GrantedReservation {
  granted: true;
  /** Identifies this attempt's slot, so it can be given back. */
  id: string;
  keys: readonly string[];
}

export interface RefusedReservation {
  granted: false;
  /** Until the earliest slot frees up in every full limit. */
  retryAfterMs: number;
}

export type Reservation = GrantedReservation | RefusedReservation;

/**
 * Counts attempts (sign-ins, sign-ups) in sliding windows. An attempt reserves its slot
 * *before* the work it guards, atomically and in every limit at once (all or none), so
 * concurrent attempts cannot all pass a check that none of them has counted yet.
 * Async so that a shared store (Redis) serves several instances.
 */
export interface AttemptThrottle {
  reserve(limits: readonly AttemptLimit[]): Promise<Reservation>;
  /** Gives the slot back: the attempt turned out not to count (a successful sign-in). */
  release(reservation: GrantedReservation): Promise<void>;
  /** Forgets every attempt under the key. */
  reset(key: string): Promise<void>;
  /** Resolves when the throttle can count (readiness); rejects when its store is unreachable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
