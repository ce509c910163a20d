import { AccountsErrors } from './errors.ts';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
const MIN_DISTINCT_CHARACTERS = 5;
const MIN_CLASSES = 2;

const CHARACTER_CLASSES: RegExp[] = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u];

/** The passwords attackers try first; length and classes alone do not rule them out. */
const COMMON_PASSWORDS = new Set([
  'password123',
  'password1!',
  'passw0rd123',
  'qwerty12345',
  'qwertyuiop1',
  '1234567890a',
  'iloveyou123',
  'letmein123',
  'welcome123',
  'admin12345',
  'admin-password',
  'changeme123',
  'abc1234567',
]);

export interface PasswordContext {
  email?: string;
}

/** Every rule the password breaks, in words a user can act on; empty when it is acceptable. */
export function passwordProblems(password: string, context: PasswordContext = {}): string[] {
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
  if (COMMON_PASSWORDS.has(password.toLowerCase())) problems.push('is too common');
  const localPart = context.email?.split('@')[0]?.toLowerCase() ?? '';
  if (localPart.length >= 4 && password.toLowerCase().includes(localPart))
    problems.push('must not contain the email address');
  return problems;
}

export function assertPasswordPolicy(password: string, context: PasswordContext = {}): void {
  const problems = passwordProblems(password, context);
  if (problems.length === 0) return;
  throw AccountsErrors.WEAK_PASSWORD.create(`The password ${problems.join('; ')}`, {
    errors: problems.map((message) => ({ field: 'body.password', message })),
  });
}
