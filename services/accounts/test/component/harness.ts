import { startService, type Clock, type Logger } from '@emporium/kit';
import { instantClock, silentLogger } from '@emporium/kit/testing';
import { expect } from 'vitest';
import { accountsService, type AccountsService } from '../../src/index.ts';

export const DEFAULT_ADMIN = { email: 'admin@emporium.local', password: 'admin-password' };
export const STRONG_PASSWORD = 'Correct-Horse-42';

export interface StartOptions {
  env?: Record<string, string>;
  clock?: Clock;
  logger?: Logger;
}

/** The service on an in-memory database unless `env.ACCOUNTS_DB_PATH` names a file. */
export async function startAccounts(options: StartOptions = {}): Promise<AccountsService> {
  // The clock starts at the real time because jose checks `exp` against the real time.
  const clock = options.clock ?? instantClock(Date.now());
  return startService(accountsService, {
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
