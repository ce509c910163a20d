import { describe, expect, it } from 'vitest';
import { commonPasswordList } from '../../src/adapters/passwords/common-password-list.ts';
import {
  assertPasswordPolicy,
  passwordProblems,
  type PasswordContext,
} from '../../src/domain/password-policy.ts';

const context: PasswordContext = { commonPasswords: commonPasswordList() };
const problemsOf = (password: string, email?: string) =>
  passwordProblems(password, email ? { ...context, email } : context);

describe('password policy', () => {
  it('when the password is long enough, mixes classes and is not common, then it is accepted', () => {
    expect(problemsOf('Correct-Horse-42')).toEqual([]);
    expect(problemsOf('correct horse battery')).toEqual([]);
  });

  it('when the password is shorter than 10 or longer than 200 characters, then it is refused', () => {
    expect(problemsOf('Ab1-xyz')).toContain('must be 10 to 200 characters long');
    expect(problemsOf(`Ab1-${'x'.repeat(200)}`)).toContain('must be 10 to 200 characters long');
  });

  it('when every character is of one class, then it is refused', () => {
    expect(problemsOf('abcdefghijkl').join()).toContain('at least two of');
    expect(problemsOf('1234509876').join()).toContain('at least two of');
  });

  it('when the password repeats a few characters, then it is refused', () => {
    expect(problemsOf('aaaaaaaaaa1').join()).toContain('different characters');
  });

  it.each(['Password1234', 'password123', 'qwertyuiop', 'ILoveYou2', 'Football2024'])(
    'when the password is %s, a well-known one, then it is refused as common',
    (password) => {
      expect(problemsOf(password).join()).toMatch(/common password/);
    },
  );

  it('when a common password only has digits or symbols appended, then it is refused', () => {
    expect(problemsOf('Sunshine2026!')).toContain(
      'is a common password with digits or symbols added; choose another',
    );
  });

  it('when the list is the zxcvbn one, then it holds tens of thousands of passwords', () => {
    expect((commonPasswordList() as ReadonlySet<string>).size).toBeGreaterThan(40_000);
  });

  it('when the password is typed in full-width characters, then it is judged in its NFKC form', () => {
    // Full-width "Password1234" is NFKC "Password1234": the same common password.
    expect(problemsOf('Ｐａｓｓｗｏｒｄ１２３４').join()).toMatch(/common password/);
  });

  it('when the password contains the email local part, in any case, then it is refused', () => {
    expect(problemsOf('Jonathan-2026', 'jonathan@example.com')).toContain(
      'must not contain the email address',
    );
    expect(problemsOf('xx-ANNIKA-77-zz', 'annika@example.com')).toContain(
      'must not contain the email address',
    );
  });

  it('when a password breaks rules, then WEAK_PASSWORD lists each of them', () => {
    expect(() => assertPasswordPolicy('aaa', context)).toThrow(
      expect.objectContaining({
        code: 'ACCOUNTS.WEAK_PASSWORD',
        errors: expect.arrayContaining([expect.objectContaining({ field: 'body.password' })]),
      }),
    );
  });
});
