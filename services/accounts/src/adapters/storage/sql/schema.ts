import type { Kysely } from 'kysely';

/**
 * The tables of the accounts service, the same in SQLite and PostgreSQL. Instants are
 * epoch milliseconds (BIGINT in PostgreSQL, which `pg` returns as text: mappers read
 * them through `Number`).
 */
export interface AccountsSchema {
  users: {
    id: string;
    email: string;
    /** Lower-cased email: the unique, case-insensitive lookup key. */
    email_key: string;
    name: string;
    password_hash: string;
    /** JSON array of role names. */
    roles: string;
    version: number;
    created_at: number;
  };
  refresh_tokens: {
    hash: string;
    family_id: string;
    user_id: string;
    status: string;
    created_at: number;
    expires_at: number;
  };
  signing_keys: { kid: string; private_jwk: string; public_jwk: string; created_at: number };
  addresses: {
    id: string;
    user_id: string;
    name: string;
    line1: string;
    line2: string | null;
    city: string;
    region: string | null;
    postal_code: string;
    country: string;
    phone: string | null;
    version: number;
    created_at: number;
    updated_at: number;
  };
}

export type SqlDialectName = 'sqlite' | 'postgres';

/** What every SQL store is built from: the database and which engine answers. */
export interface SqlStoreContext {
  db: Kysely<AccountsSchema>;
  dialect: SqlDialectName;
}

/** A unique-index violation, as either engine reports it (`constraint` names the index). */
export function isUniqueViolation(error: unknown, constraint: string, column: string): boolean {
  if (!(error instanceof Error)) return false;
  const pgError = error as Error & { code?: string; constraint?: string };
  if (pgError.code === '23505') return pgError.constraint === constraint;
  return error.message.includes(`UNIQUE constraint failed: ${column}`);
}
