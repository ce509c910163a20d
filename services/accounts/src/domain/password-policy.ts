import { AccountsErrors } from './errors.ts';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
const MIN_DISTINCT_CHARACTERS = 5;
const MIN_CLASSES = 2;
const MIN_LOCAL_PART_LENGTH = 3;

const CHARACTER_CLASSES: RegExp[] = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u];
/** What people append to a common password to pass a length rule: `Sunshine2026!`. */
const TRAILING_DIGITS_AND_SYMBOLS = /[^\p{L}]+$/u;

/** The passwords attackers try first, lower-cased (loaded by an adapter). */
export interface CommonPasswords {
  has(lowerCasePassword: string): boolean;
}

export interface PasswordContext {
  commonPasswords: CommonPasswords;
  email?: string;
}

/**
 * The form a password is checked and hashed in: NFKC, so the same password typed on
 * another keyboard or system (`ｐａｓｓ` and `pass`, `é` composed or not) is one password.
 */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

/** Every rule the password breaks, in words a user can act on; empty when it is acceptable. */
export function passwordProblems(rawPassword: string, context: PasswordContext): string[] {
  const password = normalizePassword(rawPassword);
  const characters = [...password];
  const problems: string[] = [];
  if (characters.length < PASSWORD_MIN_LENGTH || characters.length > PASSWORD_MAX_LENGTH) {
    problems.push(`must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long`);
  }
  if (CHARACTER_CLASSES.filter((pattern) => pattern.test(password)).length < MIN_CLASSES) {
    problems.push(
      'must mix at least two of: lowercase letters, uppercase letters, digits, symbols',
    );
  }
  if (new Set(characters).size < MIN_DISTINCT_CHARACTERS) {
    problems.push(`must contain at least ${MIN_DISTINCT_CHARACTERS} different characters`);
  }
  const commonProblem = commonPasswordProblem(password.toLowerCase(), context.commonPasswords);
  if (commonProblem) problems.push(commonProblem);
  const localPart = normalizePassword(context.email?.split('@')[0] ?? '').toLowerCase();
  if (localPart.length >= MIN_LOCAL_PART_LENGTH && password.toLowerCase().includes(localPart))
    problems.push('must not contain the email address');
  return problems;
}

function commonPasswordProblem(lower: string, common: CommonPasswords): string | undefined {
  if (common.has(lower)) return 'is one of the most common passwords; choose another';
  const base = lower.replace(TRAILING_DIGITS_AND_SYMBOLS, '');
  if (base !== lower && base.length > 0 && common.has(base))
    return 'is a common password with digits or symbols added; choose another';
  return undefined;
}

export function assertPasswordPolicy(password: string, context: PasswordContext): void {
  const problems = passwordProblems(password, context);
  if (problems.length === 0) return;
  throw AccountsErrors.WEAK_PASSWORD.create(`The password ${problems.join('; ')}`, {
    errors: problems.map((message) => ({ field: 'body.password', message })),
  });
}
