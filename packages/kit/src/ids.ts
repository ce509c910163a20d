import { randomFillSync } from 'node:crypto';
import { monotonicFactory, ulid } from 'ulidx';

/** Random bytes drawn from the OS in one call and handed out one by one. */
const POOL_BYTES = 4096;
const pool = new Uint8Array(POOL_BYTES);
let next = POOL_BYTES;

/**
 * A PRNG for ULIDs (`() => [0, 1)`) on the operating system's CSPRNG, like ulidx's own,
 * but one `randomFillSync` per 4,096 characters instead of one `getRandomValues` call per
 * character (16 per id: a measurable part of an add to cart, ADR 0036). A byte / 256
 * picks each of the 32 base-32 characters with the same chance, exactly.
 */
export function pooledRandom(): number {
  if (next === POOL_BYTES) {
    randomFillSync(pool);
    next = 0;
  }
  return pool[next++]! / 256;
}

const monotonic = monotonicFactory(pooledRandom);

/** Opaque, time-ordered id such as `prd_01JD3...`: sortable and safe in URLs. */
export function newId(prefix: string, now: number = Date.now()): string {
  return `${prefix}_${monotonic(now)}`;
}

/**
 * A ULID whose 80 random bits are all drawn fresh (not incremented within a millisecond as
 * `newId`'s are): for ids that must not be guessable from another one.
 */
export function unguessableUlid(now: number = Date.now()): string {
  return ulid(now, pooledRandom);
}

export function isId(value: string, prefix: string): boolean {
  return new RegExp(`^${prefix}_[0-9A-HJKMNP-TV-Z]{26}$`).test(value);
}
