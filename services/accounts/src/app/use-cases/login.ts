import { AccountsErrors } from '../../domain/errors.ts';
import { emailKey } from '../../domain/user.ts';
import type { AccountsDeps } from '../deps.ts';
import { startSession, type TokenPair } from './sessions.ts';

export interface LoginInput {
  email: string;
  password: string;
  /** The client's address: throttling per email alone would let anyone lock a user out from anywhere. */
  ip: string;
}

export async function login(deps: AccountsDeps, input: LoginInput): Promise<TokenPair> {
  const key = `${emailKey(input.email)}|${input.ip}`;
  const retryAfterSeconds = await deps.throttle.retryAfterSeconds(key);
  if (retryAfterSeconds > 0) {
    throw AccountsErrors.TOO_MANY_ATTEMPTS.create(
      `Too many failed sign-ins; try again in ${retryAfterSeconds} seconds`,
      {
        details: { retryAfterSeconds },
      },
    );
  }
  const user = await deps.users.findByEmail(input.email);
  // Verify even when the email is unknown, so timing does not reveal which emails exist.
  const matches = await deps.passwords.verify(
    input.password,
    user?.passwordHash ?? deps.passwords.decoyHash,
  );
  if (!user || !matches) {
    await deps.throttle.recordFailure(key);
    throw AccountsErrors.INVALID_CREDENTIALS.create('The email or password is wrong');
  }
  await deps.throttle.reset(key);
  return startSession(deps, user);
}
