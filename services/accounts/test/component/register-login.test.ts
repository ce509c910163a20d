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
} from './harness.ts';

describe('register, login and profile', () => {
  let service: AccountsService;
  beforeEach(async () => {
    service = await startAccounts();
  });
  afterEach(async () => {
    await service.close();
  });

  it('when a user registers and logs in, then the access token opens their profile', async () => {
    const registered = await registerUser(service);
    expect(registered).toMatchObject({
      email: 'ann@example.com',
      name: 'Ann Example',
      roles: ['customer'],
    });
    expect(registered.id).toMatch(/^usr_/);

    const tokens = await loginAs(service, 'ann@example.com', STRONG_PASSWORD);
    expect(tokens).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 900,
      refreshExpiresIn: 2_592_000,
    });

    const me = await getMe(service, tokens.accessToken);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      id: registered.id,
      email: 'ann@example.com',
      roles: ['customer'],
      version: 1,
    });
  });

  it('when the password is wrong or the email unknown, then both answer the same 401', async () => {
    await registerUser(service);
    const wrong = expectProblem(
      await post(service, '/auth/login', { email: 'ann@example.com', password: 'Not-The-One-1' }),
      401,
      'ACCOUNTS.INVALID_CREDENTIALS',
    );
    const unknown = expectProblem(
      await post(service, '/auth/login', {
        email: 'nobody@example.com',
        password: 'Not-The-One-1',
      }),
      401,
      'ACCOUNTS.INVALID_CREDENTIALS',
    );
    expect(unknown.detail).toBe(wrong.detail);
  });

  it('when the email is registered again in another case, then the answer is 409 EMAIL_TAKEN', async () => {
    await registerUser(service, 'ann@example.com');
    const response = await post(service, '/auth/register', {
      email: 'ANN@Example.COM',
      password: STRONG_PASSWORD,
      name: 'Ann Again',
    });
    expectProblem(response, 409, 'ACCOUNTS.EMAIL_TAKEN');
  });

  it('when the login email differs in case from the registered one, then login succeeds', async () => {
    await registerUser(service, 'Ann@Example.com');
    await loginAs(service, 'ann@EXAMPLE.com', STRONG_PASSWORD);
  });

  it('when the password is weak, then the answer is 422 WEAK_PASSWORD naming the broken rules', async () => {
    const response = await post(service, '/auth/register', {
      email: 'bob@example.com',
      password: 'short',
      name: 'Bob',
    });
    const problem = expectProblem(response, 422, 'ACCOUNTS.WEAK_PASSWORD');
    expect(problem.detail).toContain('10 to 200 characters');
    expect(problem.errors?.[0]?.field).toBe('body.password');
  });

  it('when /accounts/me is called without a token or with a bad one, then the answer is 401', async () => {
    expectProblem(await getMe(service), 401, 'COMMON.UNAUTHENTICATED');
    expectProblem(await getMe(service, 'not-a-jwt'), 401, 'COMMON.UNAUTHENTICATED');
  });
});
