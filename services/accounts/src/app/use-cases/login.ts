import { AccountsErrors } from '../../domain/errors.ts';
import { normalizePassword } from '../../domain/password-policy.ts';
import { normalizeEmail } from '../../domain/user.ts';
import type { AccountsDeps } from '../deps.ts';
import { loginAccountKey, loginLimits, reserveOrRefuse } from '../throttling.ts';
import { startSession, type TokenPair } from './sessions.ts';

export interface LoginInput {
  email: string;
  password: string;
  /** The client's address: throttling per email alone would let anyone lock a user out from anywhere. */
  ip: string;
}

/**
 * The attempt takes its throttle slot *before* the password is checked, so concurrent
 * guesses cannot all pass a check none of them has counted yet. A wrong password keeps
 * the slot (a failure); a right one gives it back and forgets the account's failures.
 */
export async function login(deps: AccountsDeps, input: LoginInput): Promise<TokenPair> {
  const email = normalizeEmail(input.email);
  const reservation = await reserveOrRefuse(
    deps.throttle,
    loginLimits(deps.limits, email, input.ip),
    (retryAfterSeconds) =>
      AccountsErrors.TOO_MANY_ATTEMPTS.create(
        `Too many failed sign-ins; try again in ${retryAfterSeconds} seconds`,
        { details: { retryAfterSeconds } },
      ),
  );
  let user, matches;
  try {
    user = await deps.users.findByEmail(email);
    // Verify even when the email is unknown, so timing does not reveal which emails exist.
    matches = await deps.passwords.verify(
      normalizePassword(input.password),
      user?.passwordHash ?? deps.passwords.decoyHash,
    );
  } catch (error) {
    // No password was judged (e.g. hashing is saturated): the attempt does not count.
    await deps.throttle.release(reservation);
    throw error;
  }
  if (!user || !matches) {
    throw AccountsErrors.INVALID_CREDENTIALS.create('The email or password is wrong');
  }
  await deps.throttle.release(reservation);
  await deps.throttle.reset(loginAccountKey(email, input.ip));
  return startSession(deps, user);
}
