import { describe, expect, it } from 'vitest';
import { assertPasswordPolicy, passwordProblems } from '../../src/domain/password-policy.ts';

describe('password policy', () => {
  it('when the password is long enough and mixes classes, then it is accepted', () => {
    expect(passwordProblems('Correct-Horse-42')).toEqual([]);
    expect(passwordProblems('correct horse battery')).toEqual([]);
  });

  it('when the password is shorter than 10 or longer than 200 characters, then it is refused', () => {
    expect(passwordProblems('Ab1-xyz')).toContain('must be 10 to 200 characters long');
    expect(passwordProblems(`Ab1-${'x'.repeat(200)}`)).toContain(
      'must be 10 to 200 characters long',
    );
  });

  it('when every character is of one class, then it is refused', () => {
    expect(passwordProblems('abcdefghijkl').join()).toContain('at least two of');
    expect(passwordProblems('1234509876').join()).toContain('at least two of');
  });

  it('when the password repeats a few characters, then it is refused', () => {
    expect(passwordProblems('aaaaaaaaaa1').join()).toContain('different characters');
  });

  it('when the password is a well-known one, then it is refused', () => {
    expect(passwordProblems('Password123')).toContain('is too common');
  });

  it('when the password contains the email local part, then it is refused', () => {
    expect(passwordProblems('Jonathan-2026', { email: 'jonathan@example.com' })).toContain(
      'must not contain the email address',
    );
  });

  it('when a password breaks rules, then WEAK_PASSWORD lists each of them', () => {
    expect(() => assertPasswordPolicy('aaa')).toThrow(
      expect.objectContaining({
        code: 'ACCOUNTS.WEAK_PASSWORD',
        errors: expect.arrayContaining([expect.objectContaining({ field: 'body.password' })]),
      }),
    );
  });
});
