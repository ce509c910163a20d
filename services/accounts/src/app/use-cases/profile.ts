import { AccountsErrors } from '../../domain/errors.ts';
import { profileOf, type User, type UserProfile } from '../../domain/user.ts';
import type { AccountsDeps } from '../deps.ts';

export async function getProfile(deps: AccountsDeps, userId: string): Promise<UserProfile> {
  return profileOf(await getUser(deps, userId));
}

export async function getUser(deps: AccountsDeps, userId: string): Promise<User> {
  const user = await deps.users.findById(userId);
  if (!user) throw AccountsErrors.USER_NOT_FOUND.create(`No user ${userId}`);
  return user;
}

/** `PATCH /accounts/me`: the name is the only field a user changes about themselves. */
export async function renameUser(
  deps: AccountsDeps,
  userId: string,
  name: string,
  expectedVersion?: number,
): Promise<UserProfile> {
  const user = await getUser(deps, userId);
  const version = expectedVersion ?? user.version;
  const next = { ...user, name: name.trim(), version: version + 1 };
  if (user.version !== version || !(await deps.users.update(next, version))) {
    throw AccountsErrors.VERSION_MISMATCH.create(
      `The profile is no longer at version ${version}; read it again`,
    );
  }
  return profileOf(next);
}
