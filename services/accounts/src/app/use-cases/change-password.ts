import { normalizePassword } from '../../domain/password-policy.ts';
import { AccountsErrors } from '../../domain/errors.ts';
import { emailKey } from '../../domain/user.ts';
import type { AccountsDeps } from '../deps.ts';
import { loginAccountKey, loginLimits } from '../throttling.ts';
import { getUser } from './profile.ts';
import { assertAcceptablePassword } from './register.ts';
import { throttledCheck } from './throttled-check.ts';

export interface ChangePasswordInput {
  userId: string;
  /** The caller's session (the `sid` of its access token): the one session that survives. */
  sessionId: string | undefined;
  currentPassword: string;
  newPassword: string;
  ip: string;
}

/**
 * Replaces the password after checking the current one. Wrong guesses count against the
 * same throttle as sign-in (same key), so a stolen access token cannot be used to brute
 * force the password faster than the login form allows. Every other session is revoked:
 * whoever else knew the old password is signed out.
 */
export async function changePassword(
  deps: AccountsDeps,
  input: ChangePasswordInput,
): Promise<void> {
  const user = await getUser(deps, input.userId);
  // The policy is pure and first, so a weak new password costs no throttle slot.
  assertAcceptablePassword(deps, input.newPassword, user.email);
  const matches = await throttledCheck(
    deps,
    {
      limits: loginLimits(deps.limits, emailKey(user.email), input.ip),
      resetKey: loginAccountKey(emailKey(user.email), input.ip),
    },
    () => deps.passwords.verify(normalizePassword(input.currentPassword), user.passwordHash),
    (retryAfterSeconds) =>
      AccountsErrors.TOO_MANY_ATTEMPTS.create(
        `Too many wrong passwords; try again in ${retryAfterSeconds} seconds`,
        { details: { retryAfterSeconds } },
      ),
  );
  if (!matches) throw AccountsErrors.WRONG_CURRENT_PASSWORD.create('The current password is wrong');
  const next = {
    ...user,
    passwordHash: await deps.passwords.hash(normalizePassword(input.newPassword)),
    version: user.version + 1,
  };
  if (!(await deps.users.update(next, user.version))) {
    throw AccountsErrors.VERSION_MISMATCH.create(
      'The account changed while the password was being changed; try again',
    );
  }
  await deps.refreshTokens.revokeUserSessions(user.id, input.sessionId);
}
