import { monotonicFactory } from 'ulidx';

const ulid = monotonicFactory();

/** Opaque, time-ordered id such as `prd_01JD3...`: sortable and safe in URLs. */
export function newId(prefix: string, now: number = Date.now()): string {
  return `${prefix}_${ulid(now)}`;
}

export function isId(value: string, prefix: string): boolean {
  return new RegExp(`^${prefix}_[0-9A-HJKMNP-TV-Z]{26}$`).test(value);
}
