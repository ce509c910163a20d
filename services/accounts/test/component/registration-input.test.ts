import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountsService } from '../../src/index.ts';
import {
  STRONG_PASSWORD,
  cheapHasher,
  expectProblem,
  loginAs,
  post,
  startAccounts,
} from './harness.ts';

describe('registration input', () => {
  let service: AccountsService;
  beforeAll(async () => {
    service = await startAccounts({ passwords: cheapHasher() });
  });
  afterAll(async () => {
    await service.close();
  });

  const registerAs = (email: string, name: string, password = STRONG_PASSWORD) =>
    post(service, '/auth/register', { email, password, name });

  it.each([
    ['a NUL byte', 'Ann\u0000Admin'],
    ['an ANSI escape', 'Ann \u001b[31mAdmin'],
    ['a bidi override', 'Ann \u202Enimda'],
    ['a line break', 'Ann\nAdmin'],
    ['only spaces', '   '],
  ])('when the name contains %s, then the answer is 400 naming the field', async (_, name) => {
    const problem = expectProblem(
      await registerAs('control@example.com', name),
      400,
      'COMMON.VALIDATION_FAILED',
    );
    expect(problem.errors?.map((error) => error.field)).toContain('body.name');
  });

  it('when the email has spaces around it and capitals, then it is stored trimmed and lower-cased', async () => {
    const response = await registerAs('  Mixed.Case@Example.COM ', 'Mixed Case');
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json<{ email: string }>().email).toBe('mixed.case@example.com');
    await loginAs(service, ' MIXED.case@example.com', STRONG_PASSWORD);
  });

  it.each(['not-an-email', 'two@@example.com', 'spa ce@example.com', 'nul\u0000@example.com'])(
    'when the email is %j, then the answer is 400',
    async (email) => {
      expectProblem(await registerAs(email, 'Some One'), 400, 'COMMON.VALIDATION_FAILED');
    },
  );
});

describe('password policy at registration', () => {
  let service: AccountsService;
  beforeAll(async () => {
    service = await startAccounts({ passwords: cheapHasher() });
  });
  afterAll(async () => {
    await service.close();
  });

  it.each(['Password1234', 'password123', 'qwertyuiop'])(
    'when the password is %s, then the answer is 422 WEAK_PASSWORD saying it is common',
    async (password) => {
      const problem = expectProblem(
        await post(service, '/auth/register', {
          email: 'weak@example.com',
          password,
          name: 'Weak',
        }),
        422,
        'ACCOUNTS.WEAK_PASSWORD',
      );
      expect(problem.detail).toMatch(/common password/);
      expect(problem.errors?.[0]?.field).toBe('body.password');
    },
  );

  it('when the password contains the email local part, then the answer is 422 saying so', async () => {
    const problem = expectProblem(
      await post(service, '/auth/register', {
        email: 'margarethe@example.com',
        password: 'Margarethe-Secret-9',
        name: 'Margarethe',
      }),
      422,
      'ACCOUNTS.WEAK_PASSWORD',
    );
    expect(problem.detail).toContain('must not contain the email address');
  });

  it('when the password is registered in full-width characters, then its ASCII form logs in', async () => {
    const fullWidth = 'Ｃｏｒｒｅｃｔ-Ｈｏｒｓｅ-４２';
    const response = await post(service, '/auth/register', {
      email: 'wide@example.com',
      password: fullWidth,
      name: 'Wide',
    });
    expect(response.statusCode, response.body).toBe(201);
    await loginAs(service, 'wide@example.com', 'Correct-Horse-42');
  });
});
