import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares secrets in time independent of where they differ: both are hashed first, so
 * the comparison also does not reveal the stored secret's length.
 */
export function secretsMatch(presented: string, stored: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(stored));
}
