import { newId } from '@emporium/kit';
import { assertPasswordPolicy } from '../../domain/password-policy.ts';
import type { User } from '../../domain/user.ts';
import type { AccountsDeps } from '../deps.ts';

export interface RegisterInput {
  email: string;
  password: string;
  name: string;
}

/** Self-service sign-up: every new account is a customer. */
export async function register(deps: AccountsDeps, input: RegisterInput): Promise<User> {
  assertPasswordPolicy(input.password, { email: input.email });
  return createUser(deps, { ...input, roles: ['customer'] });
}

/** Stores a user without checking the password policy; callers decide whether it applies. */
export async function createUser(
  deps: AccountsDeps,
  input: RegisterInput & { roles: string[] },
): Promise<User> {
  const now = deps.clock.now();
  const user: User = {
    id: newId('usr', now),
    email: input.email.trim(),
    name: input.name.trim(),
    passwordHash: await deps.passwords.hash(input.password),
    roles: input.roles,
    version: 1,
    createdAt: new Date(now).toISOString(),
  };
  await deps.users.create(user);
  return user;
}
