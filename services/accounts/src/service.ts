import {
  createHttpServer,
  createLogger,
  parseServiceCredentials,
  registerAuth,
  systemClock,
  type Clock,
  type HttpServer,
  type Logger,
  type TokenVerifier,
} from '@emporium/kit';
import type { AccountsDeps } from './app/deps.ts';
import type { AttemptThrottle } from './app/ports/attempt-throttle.ts';
import type { PasswordHasher } from './app/ports/password-hasher.ts';
import { bootstrapAdmin } from './app/use-cases/bootstrap-admin.ts';
import { registerAccountRoutes } from './adapters/http/account-routes.ts';
import { registerAuthRoutes } from './adapters/http/auth-routes.ts';
import { registerNoStore } from './adapters/http/no-store.ts';
import { buildSignInProtection } from './adapters/sign-in-protection.ts';
import { registerAddressRoutes } from './adapters/http/address-routes.ts';
import { registerServiceTokenRoutes } from './adapters/http/service-token-routes.ts';
import { selectStores } from './adapters/select-stores.ts';
import type { AccountsStorage } from './adapters/storage/accounts-stores.ts';
import { JoseAccessTokens } from './adapters/tokens/jose-access-tokens.ts';
import { DEFAULT_ADMIN_PASSWORD, type AccountsConfig } from './config.ts';

export interface AccountsOverrides {
  logger?: Logger;
  clock?: Clock;
  passwords?: PasswordHasher;
  throttle?: AttemptThrottle;
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
  const handle = await selectStores(config);
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
  handle: AccountsStorage,
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
    readiness: [
      { name: handle.engine, check: () => handle.ready() },
      { name: 'throttle', check: () => deps.throttle.ping() },
    ],
  });
  const verifier = accessTokens.verifier();
  registerAuth(app, verifier);
  registerNoStore(app);
  registerAuthRoutes(app, deps);
  registerAccountRoutes(app, deps, accessTokens);
  registerAddressRoutes(app, deps);
  registerServiceTokenRoutes(app, deps);
  await app.ready();

  return {
    app,
    deps,
    verifier,
    listen: () => app.listen({ host: config.HOST, port: config.ACCOUNTS_PORT }),
    async close() {
      await app.close();
      await deps.throttle.close();
      await handle.close();
    },
  };
}

async function buildDeps(
  config: AccountsConfig,
  overrides: AccountsOverrides,
  handle: AccountsStorage,
) {
  const clock = overrides.clock ?? systemClock;
  const accessTokens = await JoseAccessTokens.open({
    keys: handle.signingKeys,
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    serviceName: 'accounts',
    ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    clock,
  });
  const deps: AccountsDeps = {
    users: handle.users,
    refreshTokens: handle.refreshTokens,
    addresses: handle.addresses,
    accessTokens,
    ...(await buildSignInProtection(config, clock, overrides)),
    clock,
    refreshTokenTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
    serviceClients: {
      secrets: parseServiceCredentials(config.SERVICE_CREDENTIALS).clients,
      tokenTtlSeconds: config.SERVICE_TOKEN_TTL_SECONDS,
    },
  };
  return { deps, accessTokens };
}
