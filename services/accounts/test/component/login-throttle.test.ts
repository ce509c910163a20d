import { afterEach, describe, expect, it } from 'vitest';
import type { AccountsService } from '../../src/index.ts';
import {
  STRONG_PASSWORD,
  cheapHasher,
  countingHasher,
  expectProblem,
  postFrom,
  registerUser,
  startAccounts,
} from './harness.ts';

describe('login throttle', () => {
  let service: AccountsService;
  afterEach(async () => {
    await service.close();
  });

  const login = (ip: string, email: string, password: string) =>
    postFrom(service, ip, '/auth/login', { email, password });

  it('when 50 guesses at one account arrive at once, then at most 5 passwords are checked and the rest get 429 with Retry-After', async () => {
    const hasher = countingHasher();
    service = await startAccounts({ passwords: hasher });
    await registerUser(service);
    hasher.verifyCalls = 0;

    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        login('198.51.100.7', 'ann@example.com', `Wrong-Guess-${i}`),
      ),
    );

    expect(hasher.verifyCalls).toBeLessThanOrEqual(5);
    expect(responses.filter((response) => response.statusCode === 401)).toHaveLength(
      hasher.verifyCalls,
    );
    const refused = responses.filter((response) => response.statusCode === 429);
    expect(refused).toHaveLength(50 - hasher.verifyCalls);
    for (const response of refused) {
      expectProblem(response, 429, 'ACCOUNTS.TOO_MANY_ATTEMPTS');
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    }
  });

  it('when one address has failed 5 times at an account, then the owner still logs in from another address', async () => {
    service = await startAccounts({ passwords: cheapHasher() });
    await registerUser(service);
    for (let i = 0; i < 5; i += 1) {
      expect((await login('203.0.113.66', 'ann@example.com', 'Wrong-Guess-1')).statusCode).toBe(
        401,
      );
    }
    expectProblem(
      await login('203.0.113.66', 'ann@example.com', STRONG_PASSWORD),
      429,
      'ACCOUNTS.TOO_MANY_ATTEMPTS',
    );
    expect((await login('192.0.2.10', 'ann@example.com', STRONG_PASSWORD)).statusCode).toBe(200);
  });

  it('when one address has failed 50 times across accounts, then it is refused for every account but other addresses are not', async () => {
    service = await startAccounts({ passwords: cheapHasher() });
    await registerUser(service);
    for (let i = 0; i < 50; i += 1) {
      const response = await login('203.0.113.99', `user${i}@example.com`, 'Wrong-Guess-1');
      expect(response.statusCode).toBe(401);
    }
    const refused = await login('203.0.113.99', 'ann@example.com', STRONG_PASSWORD);
    expectProblem(refused, 429, 'ACCOUNTS.TOO_MANY_ATTEMPTS');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login('192.0.2.10', 'ann@example.com', STRONG_PASSWORD)).statusCode).toBe(200);
  });

  it('when the limits are configured lower, then the configured values apply', async () => {
    service = await startAccounts({
      passwords: cheapHasher(),
      env: { ACCOUNTS_LOGIN_FAILURES_PER_ACCOUNT: '2', ACCOUNTS_LOGIN_WINDOW_SECONDS: '60' },
    });
    await registerUser(service);
    for (let i = 0; i < 2; i += 1) await login('203.0.113.5', 'ann@example.com', 'Wrong-Guess-1');
    const refused = await login('203.0.113.5', 'ann@example.com', STRONG_PASSWORD);
    expectProblem(refused, 429, 'ACCOUNTS.TOO_MANY_ATTEMPTS');
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
  });
});

describe('registration throttle', () => {
  let service: AccountsService;
  afterEach(async () => {
    await service.close();
  });

  const registerFrom = (ip: string, i: number) =>
    postFrom(service, ip, '/auth/register', {
      email: `new${i}@example.com`,
      password: STRONG_PASSWORD,
      name: 'New Customer',
    });

  it('when an address has registered 20 accounts within an hour, then the 21st is 429 with Retry-After and other addresses still register', async () => {
    service = await startAccounts({ passwords: cheapHasher() });
    for (let i = 0; i < 20; i += 1) {
      expect((await registerFrom('198.51.100.20', i)).statusCode).toBe(201);
    }
    const refused = await registerFrom('198.51.100.20', 20);
    expectProblem(refused, 429, 'ACCOUNTS.TOO_MANY_REGISTRATIONS');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect((await registerFrom('198.51.100.21', 21)).statusCode).toBe(201);
  });
});
