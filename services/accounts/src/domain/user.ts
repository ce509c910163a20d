export type Role = 'admin' | 'customer';

export interface User {
  id: string;
  /** Normalised (`normalizeEmail`) at registration; older rows may keep their case, so lookups use `emailKey`. */
  email: string;
  name: string;
  passwordHash: string;
  roles: string[];
  version: number;
  createdAt: string;
}

export interface UserProfile {
  id: string;
  email: string;
  name: string;
  roles: string[];
  version: number;
  createdAt: string;
}

/**
 * The form under which emails are unique and looked up: mail providers treat the
 * address case-insensitively in practice, so `Ann@X.com` and `ann@x.com` are one account.
 */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** The form a new account's email is stored in: the same as its key. */
export const normalizeEmail = emailKey;

export function profileOf(user: User): UserProfile {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles,
    version: user.version,
    createdAt: user.createdAt,
  };
}
