import { newId, unguessableUlid } from '@emporium/kit';

/**
 * A cart id: `crt_` and a ULID whose 80 random bits are drawn fresh (not the monotonic
 * generator, whose ids of one millisecond differ by one), so knowing one cart's id says
 * nothing about another's.
 */
export function newCartId(): string {
  return `crt_${unguessableUlid()}`;
}

export const isCartId = (value: string): boolean => /^crt_[0-9A-HJKMNP-TV-Z]{26}$/.test(value);

export const newItemId = (now?: number): string => newId('itm', now);
