import { Type, type TString } from 'typebox';

/**
 * Characters no human-entered text needs and that attackers use: C0/C1 controls (NUL,
 * ANSI escapes), and the bidirectional overrides and isolates that make text render in
 * another order than it is stored (Trojan Source). Tabs and newlines are allowed only
 * where a field says so.
 */
const FORBIDDEN_SINGLE_LINE =
  '\\u0000-\\u001F\\u007F-\\u009F\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069';
const FORBIDDEN_MULTI_LINE =
  '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069';

export interface TextOptions {
  minLength?: number;
  maxLength: number;
  /** Allows tab, line feed and carriage return (descriptions, addresses' free text). */
  multiline?: boolean;
  description?: string;
}

/**
 * A string field typed by people: bounded, not blank when required, and free of control
 * and bidi-override characters. Every name-like field of every service uses it, so the
 * rule and its error message are the same everywhere.
 */
export function Text(options: TextOptions): TString {
  const forbidden = options.multiline ? FORBIDDEN_MULTI_LINE : FORBIDDEN_SINGLE_LINE;
  const required = (options.minLength ?? 0) > 0;
  return Type.String({
    minLength: options.minLength ?? 0,
    maxLength: options.maxLength,
    // Not blank (when required) and no forbidden character anywhere.
    pattern: required ? `^(?=[\\s\\S]*\\S)[^${forbidden}]*$` : `^[^${forbidden}]*$`,
    ...(options.description ? { description: options.description } : {}),
    errorMessage: 'must not be blank or contain control or bidirectional-override characters',
  });
}
