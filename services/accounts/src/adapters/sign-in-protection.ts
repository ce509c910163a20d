import type { Clock } from '@emporium/kit';
import type { AttemptThrottle } from '../app/ports/attempt-throttle.ts';
import type { PasswordHasher } from '../app/ports/password-hasher.ts';
import type { AttemptLimits } from '../app/throttling.ts';
import type { AccountsConfig } from '../config.ts';
import type { CommonPasswords } from '../domain/password-policy.ts';
import { BoundedPasswordHasher } from './crypto/bounded-password-hasher.ts';
import { ScryptPasswordHasher } from './crypto/scrypt-password-hasher.ts';
import { commonPasswordList } from './passwords/common-password-list.ts';
import { MemoryAttemptThrottle } from './throttle/memory-attempt-throttle.ts';

export interface SignInProtection {
  passwords: PasswordHasher;
  throttle: AttemptThrottle;
  limits: AttemptLimits;
  commonPasswords: CommonPasswords;
}

export interface SignInProtectionOverrides {
  passwords?: PasswordHasher;
  throttle?: AttemptThrottle;
}

/**
 * The throttle, the bounded hasher and the password list, from config. An injected
 * hasher is bounded too, so tests observe the same concurrency as production.
 */
export async function buildSignInProtection(
  config: AccountsConfig,
  clock: Clock,
  overrides: SignInProtectionOverrides = {},
): Promise<SignInProtection> {
  return {
    passwords: new BoundedPasswordHasher(overrides.passwords ?? new ScryptPasswordHasher(), {
      concurrency: config.ACCOUNTS_HASH_CONCURRENCY,
      queue: config.ACCOUNTS_HASH_QUEUE,
    }),
    throttle: overrides.throttle ?? (await throttleOf(config, clock)),
    limits: limitsOf(config),
    commonPasswords: commonPasswordList(),
  };
}

async function throttleOf(config: AccountsConfig, clock: Clock): Promise<AttemptThrottle> {
  if (config.ACCOUNTS_THROTTLE === 'memory') return new MemoryAttemptThrottle({ clock });
  // Loaded only when chosen, so embedded mode never loads the Redis client.
  const { RedisAttemptThrottle } = await import('./throttle/redis-attempt-throttle.ts');
  return new RedisAttemptThrottle({
    url: config.REDIS_URL,
    keyPrefix: config.ACCOUNTS_THROTTLE_KEY_PREFIX,
    clock,
  });
}

function limitsOf(config: AccountsConfig): AttemptLimits {
  return {
    loginFailuresPerAccount: config.ACCOUNTS_LOGIN_FAILURES_PER_ACCOUNT,
    loginFailuresPerAddress: config.ACCOUNTS_LOGIN_FAILURES_PER_ADDRESS,
    loginWindowMs: config.ACCOUNTS_LOGIN_WINDOW_SECONDS * 1000,
    registrationsPerAddress: config.ACCOUNTS_REGISTRATIONS_PER_ADDRESS,
    registrationWindowMs: config.ACCOUNTS_REGISTRATION_WINDOW_SECONDS * 1000,
  };
}
