import { dictionary } from '@zxcvbn-ts/language-common';
import type { CommonPasswords } from '../../domain/password-policy.ts';

let loaded: ReadonlySet<string> | undefined;

/**
 * zxcvbn's list of the ~49,000 most common passwords (lower-case, from breach corpora),
 * built into a set once per process: every service instance in the process shares it.
 */
export function commonPasswordList(): CommonPasswords {
  loaded ??= new Set(dictionary['passwords-common']);
  return loaded;
}
