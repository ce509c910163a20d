import { BulkheadRejectedError, bulkhead, type BulkheadPolicy } from 'cockatiel';
import type { PasswordHasher } from '../../app/ports/password-hasher.ts';
import { AccountsErrors } from '../../domain/errors.ts';

export interface HashingBounds {
  /** Hashes computed at once. */
  concurrency: number;
  /** Hashes waiting for a turn; beyond it callers are refused at once. */
  queue: number;
}

/** Seconds a refused caller is told to wait: a queue of hashes drains within about one. */
const BUSY_RETRY_AFTER_SECONDS = 1;

/**
 * Runs another hasher with bounded concurrency (cockatiel's bulkhead). scrypt runs on
 * libuv's thread pool (4 threads), which file, DNS and zlib work of every service in
 * the process share; a login flood that filled it made other requests wait seconds.
 * With at most `concurrency` hashes at once the pool keeps free threads, and a flood
 * beyond the queue gets 429 BUSY instead of growing memory and latency.
 */
export class BoundedPasswordHasher implements PasswordHasher {
  readonly decoyHash: string;
  private readonly inner: PasswordHasher;
  private readonly bulkhead: BulkheadPolicy;

  constructor(inner: PasswordHasher, bounds: HashingBounds) {
    this.inner = inner;
    this.decoyHash = inner.decoyHash;
    this.bulkhead = bulkhead(bounds.concurrency, bounds.queue);
  }

  hash(password: string): Promise<string> {
    return this.bounded(() => this.inner.hash(password));
  }

  verify(password: string, storedHash: string): Promise<boolean> {
    return this.bounded(() => this.inner.verify(password, storedHash));
  }

  private async bounded<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await this.bulkhead.execute(work);
    } catch (error) {
      if (!(error instanceof BulkheadRejectedError)) throw error;
      throw AccountsErrors.BUSY.create(
        `Too many sign-ins are being checked; try again in ${BUSY_RETRY_AFTER_SECONDS} second`,
        { details: { retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS } },
      );
    }
  }
}
