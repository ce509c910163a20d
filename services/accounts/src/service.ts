import { join } from 'node:path';
import {
  createHttpServer,
  createLogger,
  openSqlite,
  registerAuth,
  systemClock,
  type Clock,
  type HttpServer,
  type Logger,
  type SqliteHandle,
  type TokenVerifier,
} from '@emporium/kit';
import type { AccountsDeps } from './app/deps.ts';
import type { LoginThrottle } from './app/ports/login-throttle.ts';
import type { PasswordHasher } from './app/ports/password-hasher.ts';
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
import { DEFAULT_ADMIN_PASSWORD, type AccountsConfig } from './config.ts';

export interface AccountsOverrides {
  logger?: Logger;
  clock?: Clock;
  passwords?: PasswordHasher;
  throttle?: LoginThrottle;
  processMetrics?: boolean;
}

export interface AccountsService {
  app: HttpServer;
  deps: AccountsDeps;
  /** Verifies this service's access tokens in-process; other services in the same process may share it. */
  verifier: TokenVerifier;
  /** Listens on the configured port; resolves with the bound address. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** Composition root: builds every adapter from config, makes sure an admin exists, wires HTTP. */
export async function createAccountsService(
  config: AccountsConfig,
  overrides: AccountsOverrides = {},
): Promise<AccountsService> {
  const logger = overrides.logger ?? createLogger({ level: config.LOG_LEVEL, service: 'accounts' });
  const handle = await openSqlite<AccountsSchema>({
    path: config.ACCOUNTS_DB_PATH || join(config.DATA_DIR, 'accounts.sqlite'),
    migrations: accountsMigrations,
  });
  try {
    return await assemble(config, overrides, handle, logger);
  } catch (error) {
    // A failed start (e.g. a weak ADMIN_PASSWORD) must not leave the database open.
    await handle.close();
    throw error;
  }
}

async function assemble(
  config: AccountsConfig,
  overrides: AccountsOverrides,
  handle: SqliteHandle<AccountsSchema>,
  logger: Logger,
): Promise<AccountsService> {
  const { deps, accessTokens } = await buildDeps(config, overrides, handle);
  const isDefaultPassword = config.ADMIN_PASSWORD === DEFAULT_ADMIN_PASSWORD;
  await bootstrapAdmin(
    deps,
    { email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD, isDefaultPassword },
    logger,
  );

  const { app } = await createHttpServer({
    name: 'accounts',
    description: 'Users, credentials, sessions and the keys that sign access tokens',
    logger,
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    trustedProxies: config.TRUSTED_PROXIES,
    processMetrics: overrides.processMetrics ?? true,
    readiness: [{ name: 'sqlite', check: () => void handle.raw.prepare('SELECT 1').get() }],
  });
  const verifier = accessTokens.verifier();
  registerAuth(app, verifier);
  registerAuthRoutes(app, deps);
  registerAccountRoutes(app, deps, accessTokens);
  await app.ready();

  return {
    app,
    deps,
    verifier,
    listen: () => app.listen({ host: config.HOST, port: config.ACCOUNTS_PORT }),
    async close() {
      await app.close();
      await handle.close();
    },
  };
}

async function buildDeps(
  config: AccountsConfig,
  overrides: AccountsOverrides,
  handle: SqliteHandle<AccountsSchema>,
) {
  const clock = overrides.clock ?? systemClock;
  const accessTokens = await JoseAccessTokens.open({
    keys: new SqliteSigningKeyStore(handle),
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    clock,
  });
  const deps: AccountsDeps = {
    users: new SqliteUserStore(handle),
    refreshTokens: new SqliteRefreshTokenStore(handle),
    passwords: overrides.passwords ?? new ScryptPasswordHasher(),
    accessTokens,
    throttle: overrides.throttle ?? new MemoryLoginThrottle({ clock }),
    clock,
    refreshTokenTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
  };
  return { deps, accessTokens };
}
