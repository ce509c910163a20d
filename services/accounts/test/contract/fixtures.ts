import { randomBytes } from 'node:crypto';
import type { AccountsStorage } from '../../src/adapters/storage/accounts-stores.ts';
import type { Address } from '../../src/domain/address.ts';
import type { RefreshTokenRecord } from '../../src/domain/refresh-token.ts';
import type { User } from '../../src/domain/user.ts';

/** Opens fresh stores; suites close them after each test. */
export type CreateStores = () => Promise<AccountsStorage>;

export interface ContractOptions {
  /** Which adapter runs, in the test names. */
  name: string;
  create: CreateStores;
}

/** Unique per call: PostgreSQL suites share one database per file. */
export function unique(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

export const NOW = Date.parse('2026-03-01T10:00:00Z');

export function aUser(overrides: Partial<User> = {}): User {
  const id = unique('usr');
  return {
    id,
    email: `${id}@example.com`,
    name: 'Ann Example',
    passwordHash: 'hash',
    roles: ['customer'],
    version: 1,
    createdAt: new Date(NOW).toISOString(),
    ...overrides,
  };
}

export async function storedUser(stores: AccountsStorage, overrides: Partial<User> = {}) {
  const user = aUser(overrides);
  await stores.users.create(user);
  return user;
}

export function aToken(
  userId: string,
  familyId = unique('fam'),
  overrides: Partial<RefreshTokenRecord> = {},
): RefreshTokenRecord {
  return {
    hash: unique('hash'),
    familyId,
    userId,
    status: 'active',
    createdAt: NOW,
    expiresAt: NOW + 86_400_000,
    ...overrides,
  };
}

export function anAddress(userId: string, overrides: Partial<Address> = {}): Address {
  return {
    id: unique('adr'),
    userId,
    name: 'Ann Example',
    line1: '1 Main Street',
    city: 'Springfield',
    postalCode: '12345',
    country: 'US',
    version: 1,
    createdAt: new Date(NOW).toISOString(),
    updatedAt: new Date(NOW).toISOString(),
    ...overrides,
  };
}
