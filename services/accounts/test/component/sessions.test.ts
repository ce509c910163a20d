import { instantClock } from '@emporium/kit/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountsService } from '../../src/index.ts';
import {
  STRONG_PASSWORD,
  expectProblem,
  getMe,
  loginAs,
  post,
  registerUser,
  startAccounts,
  type TokenPair,
} from './harness.ts';

describe('refresh tokens', () => {
  let service: AccountsService;
  let clock: ReturnType<typeof instantClock>;
  let first: TokenPair;
  beforeEach(async () => {
    clock = instantClock(Date.now());
    service = await startAccounts({ clock });
    await registerUser(service);
    first = await loginAs(service, 'ann@example.com', STRONG_PASSWORD);
  });
  afterEach(async () => {
    await service.close();
  });

  const refresh = (refreshToken: string) => post(service, '/auth/refresh', { refreshToken });

  it('when a refresh token is used, then a new working pair is issued and the token rotates', async () => {
    const response = await refresh(first.refreshToken);
    expect(response.statusCode).toBe(200);
    const second = response.json<TokenPair>();
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await getMe(service, second.accessToken)).statusCode).toBe(200);
    expect((await refresh(second.refreshToken)).statusCode).toBe(200);
  });

  it('when a rotated refresh token is reused, then it is refused and its whole family is revoked', async () => {
    const second = (await refresh(first.refreshToken)).json<TokenPair>();
    expectProblem(await refresh(first.refreshToken), 401, 'ACCOUNTS.INVALID_REFRESH_TOKEN');
    expectProblem(await refresh(second.refreshToken), 401, 'ACCOUNTS.INVALID_REFRESH_TOKEN');
  });

  it('when one session is revoked for reuse, then another session of the same user keeps working', async () => {
    const other = await loginAs(service, 'ann@example.com', STRONG_PASSWORD);
    await refresh(first.refreshToken);
    await refresh(first.refreshToken);
    expect((await refresh(other.refreshToken)).statusCode).toBe(200);
  });

  it('when the user logs out, then the refresh token no longer works and logout again is still 204', async () => {
    const logout = await post(service, '/auth/logout', { refreshToken: first.refreshToken });
    expect(logout.statusCode).toBe(204);
    expectProblem(await refresh(first.refreshToken), 401, 'ACCOUNTS.INVALID_REFRESH_TOKEN');
    expect(
      (await post(service, '/auth/logout', { refreshToken: first.refreshToken })).statusCode,
    ).toBe(204);
  });

  it('when a refresh token is unknown or has expired, then the answer is 401', async () => {
    expectProblem(await refresh('made-up-token'), 401, 'ACCOUNTS.INVALID_REFRESH_TOKEN');
    clock.advance(30 * 86400 * 1000 + 1);
    expectProblem(await refresh(first.refreshToken), 401, 'ACCOUNTS.INVALID_REFRESH_TOKEN');
  });
});
