import { AccountsErrors } from '../../domain/errors.ts';
import { profileOf, type UserProfile } from '../../domain/user.ts';
import type { AccountsDeps } from '../deps.ts';

export async function getProfile(deps: AccountsDeps, userId: string): Promise<UserProfile> {
  const user = await deps.users.findById(userId);
  if (!user) throw AccountsErrors.USER_NOT_FOUND.create(`No user ${userId}`);
  return profileOf(user);
}
