import { CommonConfig, PortSchema, loadConfig } from '@emporium/kit';
import { manifestEntry } from '@emporium/contracts';
import { Type, type Static } from 'typebox';

/** The bootstrap admin password used when ADMIN_PASSWORD is not set; start-up warns about it. */
export const DEFAULT_ADMIN_PASSWORD = 'admin-password';

export const AccountsConfigSchema = Type.Object({
  ...CommonConfig,
  ACCOUNTS_PORT: PortSchema(manifestEntry('accounts').defaultPort, 'Port of the accounts service'),
  ACCOUNTS_DB_PATH: Type.String({
    default: '',
    description: 'SQLite file of the accounts service (default: $DATA_DIR/accounts.sqlite)',
  }),
  ADMIN_EMAIL: Type.String({
    default: 'admin@emporium.local',
    pattern: '^[^@\\s]+@[^@\\s]+$',
    description: 'Email of the admin created at first start when no admin exists',
  }),
  ADMIN_PASSWORD: Type.String({
    default: DEFAULT_ADMIN_PASSWORD,
    minLength: 1,
    description:
      'Password of that admin; outside embedded mode (EMPORIUM_MODE) the default is refused',
  }),
  ACCESS_TOKEN_TTL_SECONDS: Type.Integer({
    minimum: 60,
    maximum: 24 * 3600,
    default: 900,
    description: 'Lifetime of access tokens (JWT)',
  }),
  REFRESH_TOKEN_TTL_SECONDS: Type.Integer({
    minimum: 300,
    maximum: 365 * 86400,
    default: 30 * 86400,
    description: 'Lifetime of a refresh token; each rotation starts a new one',
  }),
});

export type AccountsConfig = Static<typeof AccountsConfigSchema>;

export function loadAccountsConfig(
  env: Record<string, string | undefined> = process.env,
): AccountsConfig {
  return loadConfig(AccountsConfigSchema, env);
}
