import { join } from 'node:path';
import {
  ConfigError,
  defineService,
  openSqlite,
  type Mode,
  type RunningService,
} from '@emporium/kit';
import { manifestEntry } from '@emporium/contracts';
import type { AccountsDeps } from './app/deps.ts';
import { bootstrapAdmin } from './app/use-cases/bootstrap-admin.ts';
import { ScryptPasswordHasher } from './adapters/crypto/scrypt-password-hasher.ts';
import { registerAccountRoutes } from './adapters/http/account-routes.ts';
import { registerAuthRoutes } from './adapters/http/auth-routes.ts';
import { accountsMigrations, type AccountsSchema } from './adapters/storage/sqlite/schema.ts';
import { SqliteRefreshTokenStore } from './adapters/storage/sqlite/sqlite-refresh-token-store.ts';
import { SqliteSigningKeyStore } from './adapters/storage/sqlite/sqlite-signing-key-store.ts';
import { SqliteUserStore } from './adapters/storage/sqlite/sqlite-user-store.ts';
import { MemoryLoginThrottle } from './adapters/throttle/memory-login-throttle.ts';
import { JoseAccessTokens } from './adapters/tokens/jose-access-tokens.ts';
import { AccountsConfigSchema, DEFAULT_ADMIN_PASSWORD, type AccountsConfig } from './config.ts';

export type AccountsStores = AccountsDeps & {
  accessTokens: JoseAccessTokens;
  readiness: { name: string; check(): void }[];
  close(): Promise<void>;
};

/**
 * The well-known development password is tolerated only in embedded mode: anywhere
 * else it would hand the platform to whoever read the README.
 */
export function refuseDefaultAdminPassword(config: AccountsConfig, mode: Mode): void {
  if (mode === 'embedded' || config.ADMIN_PASSWORD !== DEFAULT_ADMIN_PASSWORD) return;
  throw new ConfigError([
    `ADMIN_PASSWORD: must be set in ${mode} mode (it is the default, ${JSON.stringify(DEFAULT_ADMIN_PASSWORD)})`,
  ]);
}

/** Accounts as the host runs it (tests read its stores). */
export type AccountsService = RunningService<AccountsConfig, AccountsStores>;

const entry = manifestEntry('accounts');

/** Accounts on the service host: it issues the tokens, so it verifies them in-process. */
export const accountsService = defineService({
  name: entry.name,
  description: 'Users, credentials, sessions and the keys that sign access tokens',
  config: AccountsConfigSchema,
  portVariable: 'ACCOUNTS_PORT',

  checkConfig: refuseDefaultAdminPassword,

  async stores({ config, clock }): Promise<AccountsStores> {
    const handle = await openSqlite<AccountsSchema>({
      path: config.ACCOUNTS_DB_PATH || join(config.DATA_DIR, 'accounts.sqlite'),
      migrations: accountsMigrations,
    });
    try {
      const accessTokens = await JoseAccessTokens.open({
        keys: new SqliteSigningKeyStore(handle),
        issuer: config.AUTH_ISSUER,
        audience: config.AUTH_AUDIENCE,
        ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
        clock,
      });
      return {
        users: new SqliteUserStore(handle),
        refreshTokens: new SqliteRefreshTokenStore(handle),
        passwords: new ScryptPasswordHasher(),
        accessTokens,
        throttle: new MemoryLoginThrottle({ clock }),
        clock,
        refreshTokenTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
        readiness: [{ name: 'sqlite', check: () => void handle.raw.prepare('SELECT 1').get() }],
        close: () => handle.close(),
      };
    } catch (error) {
      await handle.close();
      throw error;
    }
  },

  async start({ config, logger }, stores) {
    const isDefaultPassword = config.ADMIN_PASSWORD === DEFAULT_ADMIN_PASSWORD;
    await bootstrapAdmin(
      stores,
      { email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD, isDefaultPassword },
      logger,
    );
  },

  verifier: (_context, stores) => stores.accessTokens.verifier(),

  routes(app, _context, stores) {
    registerAuthRoutes(app, stores);
    registerAccountRoutes(app, stores, stores.accessTokens);
  },
});
