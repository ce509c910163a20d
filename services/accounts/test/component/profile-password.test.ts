import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountsService } from '../../src/index.ts';
import {
  STRONG_PASSWORD,
  as,
  expectProblem,
  getMe,
  loginAs,
  post,
  signedIn,
  startAccounts,
  type TokenPair,
} from './harness.ts';

const NEW_PASSWORD = 'Battery-Staple-77';

describe('profile and password', () => {
  let service: AccountsService;
  let ann: TokenPair;
  beforeEach(async () => {
    service = await startAccounts();
    ann = await signedIn(service, 'ann@example.com');
  });
  afterEach(async () => {
    await service.close();
  });

  const patchMe = (body: object, headers: Record<string, string> = {}) =>
    as(service, ann.accessToken, 'PATCH', '/accounts/me', body, headers);
  const changePassword = (body: object, token = ann.accessToken) =>
    as(service, token, 'POST', '/accounts/me/password', body);
  const refresh = (refreshToken: string) => post(service, '/auth/refresh', { refreshToken });

  it('when the name is patched with the current If-Match, then it changes and the version moves on', async () => {
    const me = await getMe(service, ann.accessToken);
    expect(me.headers['etag']).toBe('"1"');
    const patched = await patchMe({ name: '  Ann Renamed ' }, { 'if-match': '"1"' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({
      name: 'Ann Renamed',
      version: 2,
      email: 'ann@example.com',
    });
    expect(patched.headers['etag']).toBe('"2"');
    expect((await getMe(service, ann.accessToken)).json()).toMatchObject({ name: 'Ann Renamed' });
  });

  it('when the profile is patched with a stale If-Match, then it is 412 and the name stays', async () => {
    await patchMe({ name: 'First' });
    expectProblem(
      await patchMe({ name: 'Late' }, { 'if-match': '"1"' }),
      412,
      'ACCOUNTS.VERSION_MISMATCH',
    );
    expect((await getMe(service, ann.accessToken)).json()).toMatchObject({ name: 'First' });
  });

  it('when the patch touches email, roles, id or version, then it is 400 naming them and nothing is written', async () => {
    for (const body of [
      { email: 'evil@example.com' },
      { name: 'Ann', roles: ['admin'] },
      { role: 'admin' },
      { id: 'usr_other', version: 9 },
    ]) {
      const problem = expectProblem(await patchMe(body), 400, 'ACCOUNTS.PROFILE_FIELD_READ_ONLY');
      for (const key of Object.keys(body).filter((k) => k !== 'name'))
        expect(problem.detail).toContain(key);
    }
    expect((await getMe(service, ann.accessToken)).json()).toMatchObject({
      name: 'Ann Example',
      email: 'ann@example.com',
      roles: ['customer'],
      version: 1,
    });
  });

  it('when the new name is blank or holds control characters, then it is 400', async () => {
    expectProblem(await patchMe({}), 400, 'COMMON.VALIDATION_FAILED');
    expectProblem(await patchMe({ name: '   ' }), 400, 'COMMON.VALIDATION_FAILED');
    expectProblem(await patchMe({ name: 'Ann\u0007' }), 400, 'COMMON.VALIDATION_FAILED');
  });

  it('when the password is changed, then the old one fails, the new one works and the caller stays signed in', async () => {
    const response = await changePassword({
      currentPassword: STRONG_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(response.statusCode, response.body).toBe(204);
    expectProblem(
      await post(service, '/auth/login', { email: 'ann@example.com', password: STRONG_PASSWORD }),
      401,
      'ACCOUNTS.INVALID_CREDENTIALS',
    );
    await loginAs(service, 'ann@example.com', NEW_PASSWORD);
    expect((await getMe(service, ann.accessToken)).statusCode).toBe(200);
    expect((await refresh(ann.refreshToken)).statusCode).toBe(200);
  });

  it('when the password is changed, then every other session is revoked and the caller’s survives', async () => {
    const laptop = await loginAs(service, 'ann@example.com', STRONG_PASSWORD);
    const phone = await loginAs(service, 'ann@example.com', STRONG_PASSWORD);
    // The caller's session has rotated once: the family, not the first token, is what survives.
    const current = (await refresh(ann.refreshToken)).json<TokenPair>();
    const bob = await signedIn(service, 'bob@example.com');
    await changePassword(
      { currentPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD },
      current.accessToken,
    );
    expectProblem(await refresh(laptop.refreshToken), 401, 'ACCOUNTS.INVALID_REFRESH_TOKEN');
    expectProblem(await refresh(phone.refreshToken), 401, 'ACCOUNTS.INVALID_REFRESH_TOKEN');
    expect((await refresh(current.refreshToken)).statusCode).toBe(200);
    expect((await refresh(bob.refreshToken)).statusCode).toBe(200);
  });

  it('when the current password is wrong, then it is 403 and nothing changes; repeated, it is throttled like sign-in', async () => {
    const other = await loginAs(service, 'ann@example.com', STRONG_PASSWORD);
    const wrong = { currentPassword: 'Not-The-Password-1', newPassword: NEW_PASSWORD };
    expectProblem(await changePassword(wrong), 403, 'ACCOUNTS.WRONG_CURRENT_PASSWORD');
    expect((await refresh(other.refreshToken)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) await changePassword(wrong);
    expectProblem(
      await changePassword({ currentPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD }),
      429,
      'ACCOUNTS.TOO_MANY_ATTEMPTS',
    );
    // The same counter as sign-in: the form cannot be used to guess faster than the login.
    expectProblem(
      await post(service, '/auth/login', { email: 'ann@example.com', password: STRONG_PASSWORD }),
      429,
      'ACCOUNTS.TOO_MANY_ATTEMPTS',
    );
  });

  it('when the new password breaks the policy, then it is 422 WEAK_PASSWORD and the old one still works', async () => {
    for (const newPassword of ['short1A', 'password123', 'aaaaaaaaaaaa']) {
      expectProblem(
        await changePassword({ currentPassword: STRONG_PASSWORD, newPassword }),
        422,
        'ACCOUNTS.WEAK_PASSWORD',
      );
    }
    await loginAs(service, 'ann@example.com', STRONG_PASSWORD);
  });

  it('when no token is sent, then changing the password or the profile is 401', async () => {
    const headers = {};
    const patch = await service.app.inject({
      method: 'PATCH',
      url: '/accounts/me',
      headers,
      payload: { name: 'X' },
    });
    expectProblem(patch, 401, 'COMMON.UNAUTHENTICATED');
    const password = await service.app.inject({
      method: 'POST',
      url: '/accounts/me/password',
      payload: { currentPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD },
    });
    expectProblem(password, 401, 'COMMON.UNAUTHENTICATED');
  });
});
