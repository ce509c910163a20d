import type { Logger } from '@emporium/kit';
import { AccountsErrors } from '../../domain/errors.ts';
import { passwordProblems } from '../../domain/password-policy.ts';
import type { AccountsDeps } from '../deps.ts';
import { createUser } from './register.ts';

export interface AdminBootstrap {
  email: string;
  password: string;
  /** The well-known development password: allowed despite the policy, but loudly. */
  isDefaultPassword: boolean;
}

/**
 * Makes sure the platform has an admin: creates one from config when no user has the
 * admin role. Runs at every start; once an admin exists it changes nothing.
 */
export async function bootstrapAdmin(
  deps: AccountsDeps,
  admin: AdminBootstrap,
  logger: Logger,
): Promise<void> {
  if (await deps.users.hasUserWithRole('admin')) return warnIfDefault(deps, admin, logger);
  if (await deps.users.findByEmail(admin.email)) {
    // Promoting an account someone else registered would hand them the platform.
    logger.error(
      { email: admin.email },
      'ADMIN_EMAIL belongs to a non-admin account; no admin was created',
    );
    return;
  }
  const problems = admin.isDefaultPassword
    ? []
    : passwordProblems(admin.password, {
        email: admin.email,
        commonPasswords: deps.commonPasswords,
      });
  if (problems.length > 0)
    throw AccountsErrors.WEAK_PASSWORD.create(`ADMIN_PASSWORD ${problems.join('; ')}`);
  await createUser(deps, {
    email: admin.email,
    password: admin.password,
    name: 'Administrator',
    roles: ['admin'],
  });
  logger.info({ email: admin.email }, 'created the bootstrap admin account');
  await warnIfDefault(deps, admin, logger);
}

async function warnIfDefault(
  deps: AccountsDeps,
  admin: AdminBootstrap,
  logger: Logger,
): Promise<void> {
  if (!admin.isDefaultPassword) return;
  const user = await deps.users.findByEmail(admin.email);
  if (
    user?.roles.includes('admin') &&
    (await deps.passwords.verify(admin.password, user.passwordHash))
  ) {
    logger.warn(
      { email: admin.email },
      'the admin account uses the default password; set ADMIN_PASSWORD outside local development',
    );
  }
}
