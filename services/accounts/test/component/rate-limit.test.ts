import { instantClock } from '@emporium/kit/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountsService } from '../../src/index.ts';
import { STRONG_PASSWORD, expectProblem, post, registerUser, startAccounts } from './harness.ts';

describe('login rate limit', () => {
  let service: AccountsService;
  let clock: ReturnType<typeof instantClock>;
  beforeEach(async () => {
    clock = instantClock(Date.now());
    service = await startAccounts({ clock });
    await registerUser(service);
  });
  afterEach(async () => {
    await service.close();
  });

  const attempt = (password: string, email = 'ann@example.com') =>
    post(service, '/auth/login', { email, password });

  async function failFiveTimes() {
    for (let i = 0; i < 5; i += 1) {
      clock.advance(1000);
      expect((await attempt('Wrong-Password-1')).statusCode).toBe(401);
    }
  }

  it('when five logins failed within 15 minutes, then the next one is 429 with Retry-After, even with the right password', async () => {
    await failFiveTimes();
    const response = await attempt(STRONG_PASSWORD);
    const problem = expectProblem(response, 429, 'ACCOUNTS.TOO_MANY_ATTEMPTS');
    const retryAfter = Number(response.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(problem.detail).toContain(`${retryAfter} seconds`);
  });

  it('when the Retry-After time has passed, then the right password logs in again', async () => {
    await failFiveTimes();
    const retryAfter = Number((await attempt(STRONG_PASSWORD)).headers['retry-after']);
    clock.advance(retryAfter * 1000);
    expect((await attempt(STRONG_PASSWORD)).statusCode).toBe(200);
  });

  it('when failures are spread over more than 15 minutes, then no limit applies', async () => {
    for (let i = 0; i < 6; i += 1) {
      clock.advance(4 * 60_000);
      expect((await attempt('Wrong-Password-1')).statusCode).toBe(401);
    }
  });

  it('when one email is locked, then another email from the same address can still log in', async () => {
    await registerUser(service, 'bob@example.com');
    await failFiveTimes();
    expect((await attempt(STRONG_PASSWORD, 'bob@example.com')).statusCode).toBe(200);
  });

  it('when a login succeeds, then earlier failures are forgotten', async () => {
    for (let i = 0; i < 4; i += 1) await attempt('Wrong-Password-1');
    expect((await attempt(STRONG_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 4; i += 1) await attempt('Wrong-Password-1');
    expect((await attempt(STRONG_PASSWORD)).statusCode).toBe(200);
  });
});
