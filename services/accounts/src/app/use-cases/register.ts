import { isAppError, newId } from '@emporium/kit';
import { AccountsErrors } from '../../domain/errors.ts';
import { assertPasswordPolicy, normalizePassword } from '../../domain/password-policy.ts';
import { normalizeEmail, type User } from '../../domain/user.ts';
import type { AccountsDeps } from '../deps.ts';
import { registrationLimits, reserveOrRefuse } from '../throttling.ts';

export interface NewUser {
  email: string;
  password: string;
  name: string;
}

export interface RegisterInput extends NewUser {
  /** The client's address: sign-ups are limited per address. */
  ip: string;
}

/**
 * Self-service sign-up: every new account is a customer. The policy (pure) is checked
 * first, so a weak password costs no registration slot; every attempt past it counts,
 * a taken email included, so the route cannot be used to test emails in bulk.
 */
export async function register(deps: AccountsDeps, input: RegisterInput): Promise<User> {
  const email = normalizeEmail(input.email);
  assertAcceptablePassword(deps, input.password, email);
  const reservation = await reserveOrRefuse(
    deps.throttle,
    registrationLimits(deps.limits, input.ip),
    (retryAfterSeconds) =>
      AccountsErrors.TOO_MANY_REGISTRATIONS.create(
        `Too many registrations from this address; try again in ${retryAfterSeconds} seconds`,
        { details: { retryAfterSeconds } },
      ),
  );
  try {
    return await createUser(deps, { ...input, email, roles: ['customer'] });
  } catch (error) {
    // A saturated hasher refused the work: nothing was attempted, so nothing counts.
    if (isAppError(error) && error.code === AccountsErrors.BUSY.code)
      await deps.throttle.release(reservation);
    throw error;
  }
}

/** The password policy with the common-password list; every use case that sets a password calls it. */
export function assertAcceptablePassword(deps: AccountsDeps, password: string, email: string) {
  assertPasswordPolicy(password, { email, commonPasswords: deps.commonPasswords });
}

/** Stores a user without checking the password policy; callers decide whether it applies. */
export async function createUser(
  deps: AccountsDeps,
  input: NewUser & { roles: string[] },
): Promise<User> {
  const now = deps.clock.now();
  const user: User = {
    id: newId('usr', now),
    email: normalizeEmail(input.email),
    name: input.name.trim(),
    passwordHash: await deps.passwords.hash(normalizePassword(input.password)),
    roles: input.roles,
    version: 1,
    createdAt: new Date(now).toISOString(),
  };
  await deps.users.create(user);
  return user;
}
