import { Type } from 'typebox';

const count = (defaultValue: number, maximum: number, description: string) =>
  Type.Integer({ minimum: 1, maximum, default: defaultValue, description });

/** Throttling and hashing limits of sign-in and sign-up (spread into the accounts schema). */
export const SecurityConfig = {
  ACCOUNTS_THROTTLE: Type.Union([Type.Literal('memory'), Type.Literal('redis')], {
    default: 'memory',
    description:
      'Where sign-in and sign-up attempts are counted: in-process, or Redis (REDIS_URL) shared by every instance',
  }),
  ACCOUNTS_THROTTLE_KEY_PREFIX: Type.String({
    default: 'emporium:accounts:throttle:',
    minLength: 1,
    description: 'Prefix of the throttle keys in Redis (isolates environments sharing one)',
  }),
  ACCOUNTS_LOGIN_FAILURES_PER_ACCOUNT: count(
    5,
    1000,
    'Failed sign-ins allowed per account per client address within the login window',
  ),
  ACCOUNTS_LOGIN_FAILURES_PER_ADDRESS: count(
    50,
    100_000,
    'Failed sign-ins allowed per client address across all accounts within the login window',
  ),
  ACCOUNTS_LOGIN_WINDOW_SECONDS: count(900, 86_400, 'Sliding window of failed sign-ins'),
  ACCOUNTS_REGISTRATIONS_PER_ADDRESS: count(
    20,
    100_000,
    'Registrations allowed per client address within the registration window',
  ),
  ACCOUNTS_REGISTRATION_WINDOW_SECONDS: count(3600, 7 * 86_400, 'Sliding window of registrations'),
  ACCOUNTS_HASH_CONCURRENCY: count(
    2,
    64,
    'Password hashes (scrypt) computed at once; the rest wait, so the thread pool stays free',
  ),
  ACCOUNTS_HASH_QUEUE: Type.Integer({
    minimum: 0,
    maximum: 100_000,
    default: 200,
    description: 'Password hashes that may wait for a turn; beyond it sign-ins get 429',
  }),
};
