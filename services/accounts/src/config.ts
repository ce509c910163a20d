import {
  CommonConfig,
  ConfigError,
  PortSchema,
  defaultServiceSecret,
  loadConfig,
  parseServiceCredentials,
} from '@emporium/kit';
import { SERVICE_MANIFEST, manifestEntry } from '@emporium/contracts';
import { Type, type Static } from 'typebox';
import { SecurityConfig } from './security-config.ts';

/** The bootstrap admin password used when ADMIN_PASSWORD is not set; start-up warns about it. */
export const DEFAULT_ADMIN_PASSWORD = 'admin-password';

/** Every platform service with its public embedded secret: `npm start` works unconfigured. */
export const DEFAULT_SERVICE_CREDENTIALS = SERVICE_MANIFEST.map(
  ({ name }) => `${name}:${defaultServiceSecret(name)}`,
).join(',');

export const AccountsConfigSchema = Type.Object({
  ...CommonConfig,
  ACCOUNTS_PORT: PortSchema(manifestEntry('accounts').defaultPort, 'Port of the accounts service'),
  ACCOUNTS_STORE: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')], {
    default: 'sqlite',
    description: 'Store of users, sessions, keys and addresses: embedded SQLite, or PostgreSQL',
  }),
  ACCOUNTS_DB_PATH: Type.String({
    default: '',
    description: 'SQLite file of the accounts service (default: $DATA_DIR/accounts.sqlite)',
  }),
  ACCOUNTS_DATABASE_URL: Type.String({
    default: 'postgres://emporium:emporium@127.0.0.1:15432/emporium',
    description: 'PostgreSQL of the accounts service (ACCOUNTS_STORE=postgres)',
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
  ...SecurityConfig,
  SERVICE_CREDENTIALS: Type.String({
    default: DEFAULT_SERVICE_CREDENTIALS,
    description:
      'Client credentials of the services, `name:secret,…` (secrets ≥ 16 characters); the embedded defaults are refused with ACCOUNTS_STORE=postgres',
  }),
  SERVICE_TOKEN_TTL_SECONDS: Type.Integer({
    minimum: 30,
    maximum: 3600,
    default: 300,
    description: 'Lifetime of the service tokens issued to service clients',
  }),
});

export type AccountsConfig = Static<typeof AccountsConfigSchema>;

export function loadAccountsConfig(
  env: Record<string, string | undefined> = process.env,
): AccountsConfig {
  const config = loadConfig(AccountsConfigSchema, env);
  // PostgreSQL means distributed or AWS: the public embedded secrets must not open it.
  refuseBadServiceCredentials(config, { embedded: config.ACCOUNTS_STORE === 'sqlite' });
  return config;
}

/**
 * Malformed entries and short secrets always stop start-up; the public embedded default
 * secrets do outside embedded mode, where they would let anyone act as a service.
 */
export function refuseBadServiceCredentials(
  config: AccountsConfig,
  { embedded }: { embedded: boolean },
): void {
  const { clients, problems } = parseServiceCredentials(config.SERVICE_CREDENTIALS);
  if (!embedded) {
    for (const [clientId, secret] of clients) {
      if (secret === defaultServiceSecret(clientId))
        problems.push(`the secret of ${clientId} is the public embedded default`);
    }
  }
  if (problems.length > 0)
    throw new ConfigError(problems.map((problem) => `SERVICE_CREDENTIALS: ${problem}`));
}
