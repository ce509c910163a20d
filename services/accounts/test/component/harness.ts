import { startService, type Clock, type Logger } from '@emporium/kit';
import { ScryptPasswordHasher } from '../../src/adapters/crypto/scrypt-password-hasher.ts';
import type { PasswordHasher } from '../../src/app/ports/password-hasher.ts';
import { instantClock, silentLogger } from '@emporium/kit/testing';
import { expect } from 'vitest';
import { defineAccountsService, type AccountsService } from '../../src/index.ts';

export const DEFAULT_ADMIN = { email: 'admin@emporium.local', password: 'admin-password' };
export const STRONG_PASSWORD = 'Correct-Horse-42';

export interface StartOptions {
  env?: Record<string, string>;
  clock?: Clock;
  logger?: Logger;
  passwords?: PasswordHasher;
}

/** scrypt with a small cost: the same code path, fast enough for tests that hash a lot. */
export function cheapHasher(): ScryptPasswordHasher {
  return new ScryptPasswordHasher({ N: 1024, r: 8, p: 1, keyLength: 32, saltLength: 16 });
}

/** The real hasher, counting how many passwords it was asked to check. */
export function countingHasher(): PasswordHasher & { verifyCalls: number } {
  const inner = cheapHasher();
  return {
    decoyHash: inner.decoyHash,
    verifyCalls: 0,
    hash: (password) => inner.hash(password),
    async verify(password, storedHash) {
      this.verifyCalls += 1;
      return inner.verify(password, storedHash);
    },
  };
}

/** The service on an in-memory database unless `env.ACCOUNTS_DB_PATH` names a file. */
export async function startAccounts(options: StartOptions = {}): Promise<AccountsService> {
  // The clock starts at the real time because jose checks `exp` against the real time.
  const clock = options.clock ?? instantClock(Date.now());
  const definition = defineAccountsService(
    options.passwords ? { passwords: options.passwords } : {},
  );
  return startService(definition, {
    env: {
      ACCOUNTS_DB_PATH: ':memory:',
      LOG_LEVEL: 'silent',
      // Any free port: the tests must run next to a running platform.
      ACCOUNTS_PORT: '0',
      ...options.env,
    },
    logger: options.logger ?? silentLogger,
    clock,
    processMetrics: false,
  });
}

export function post(
  service: AccountsService,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return service.app.inject({ method: 'POST', url, payload: body as object, headers });
}

/** A POST from a given client address (what `request.ip` then reports). */
export function postFrom(
  service: AccountsService,
  remoteAddress: string,
  url: string,
  body: unknown,
) {
  return service.app.inject({ method: 'POST', url, payload: body as object, remoteAddress });
}

export async function registerUser(
  service: AccountsService,
  email = 'ann@example.com',
  password = STRONG_PASSWORD,
) {
  const response = await post(service, '/auth/register', { email, password, name: 'Ann Example' });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string; email: string; name: string; roles: string[] }>();
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: string;
}

export async function loginAs(
  service: AccountsService,
  email: string,
  password: string,
): Promise<TokenPair> {
  const response = await post(service, '/auth/login', { email, password });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<TokenPair>();
}

export function getMe(service: AccountsService, accessToken?: string) {
  const headers: Record<string, string> = accessToken
    ? { authorization: `Bearer ${accessToken}` }
    : {};
  return service.app.inject({ method: 'GET', url: '/accounts/me', headers });
}

/** Asserts a problem+json answer and returns its body. */
export function expectProblem(
  response: { statusCode: number; headers: Record<string, unknown>; json<T>(): T },
  status: number,
  code: string,
) {
  expect(response.statusCode).toBe(status);
  expect(String(response.headers['content-type'])).toContain('application/problem+json');
  const problem = response.json<{
    code: string;
    detail: string;
    status: number;
    errors?: { field: string; message: string }[];
  }>();
  expect(problem.code).toBe(code);
  return problem;
}

/** A request as the holder of `accessToken`. */
export function as(
  service: AccountsService,
  accessToken: string,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return service.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${accessToken}`, ...headers },
    ...(body === undefined ? {} : { payload: body as object }),
  });
}

/** Registers and signs in a user; returns its first token pair. */
export async function signedIn(service: AccountsService, email: string) {
  await registerUser(service, email);
  return loginAs(service, email, STRONG_PASSWORD);
}
