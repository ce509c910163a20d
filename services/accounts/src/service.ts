import { ConfigError, defineService, parseServiceCredentials, type Mode } from '@emporium/kit';
import type { RunningService } from '@emporium/kit';
import { manifestEntry } from '@emporium/contracts';
import type { AccountsDeps } from './app/deps.ts';
import type { SigningKeyStore } from './app/ports/signing-key-store.ts';
import { bootstrapAdmin } from './app/use-cases/bootstrap-admin.ts';
import { registerAccountRoutes } from './adapters/http/account-routes.ts';
import { registerInternalAddressRoutes } from './adapters/http/internal-address-routes.ts';
import { registerAddressRoutes } from './adapters/http/address-routes.ts';
import { registerAuthRoutes } from './adapters/http/auth-routes.ts';
import { registerNoStore } from './adapters/http/no-store.ts';
import { registerServiceTokenRoutes } from './adapters/http/service-token-routes.ts';
import { selectStores } from './adapters/select-stores.ts';
import {
  buildSignInProtection,
  type SignInProtectionOverrides,
} from './adapters/sign-in-protection.ts';
import { JoseAccessTokens } from './adapters/tokens/jose-access-tokens.ts';
import {
  AccountsConfigSchema,
  DEFAULT_ADMIN_PASSWORD,
  refuseBadServiceCredentials,
  type AccountsConfig,
} from './config.ts';

export type AccountsStores = AccountsDeps & {
  accessTokens: JoseAccessTokens;
  /** The keys that sign access tokens (read by the security suite to forge expired ones). */
  signingKeys: SigningKeyStore;
  readiness: { name: string; check(): Promise<void> | void }[];
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

/** Outside embedded mode (or on PostgreSQL) neither public default may open the platform. */
function checkAccountsConfig(config: AccountsConfig, mode: Mode): void {
  refuseDefaultAdminPassword(config, mode);
  refuseBadServiceCredentials(config, {
    embedded: mode === 'embedded' && config.ACCOUNTS_STORE === 'sqlite',
  });
}

/** Accounts as the host runs it (tests read its stores). */
export type AccountsService = RunningService<AccountsConfig, AccountsStores>;

const entry = manifestEntry('accounts');

/**
 * Accounts on the service host: it issues the tokens, so it verifies them in-process.
 * `overrides` lets tests put a counting hasher or a shared throttle in place of the
 * configured ones; production uses `accountsService`.
 */
export function defineAccountsService(overrides: SignInProtectionOverrides = {}) {
  return defineService({
    name: entry.name,
    description: 'Users, credentials, sessions, addresses and the keys that sign access tokens',
    config: AccountsConfigSchema,
    portVariable: 'ACCOUNTS_PORT',

    checkConfig: checkAccountsConfig,

    async stores({ config, clock }): Promise<AccountsStores> {
      const storage = await selectStores(config);
      let protection: Awaited<ReturnType<typeof buildSignInProtection>> | undefined;
      try {
        const accessTokens = await JoseAccessTokens.open({
          keys: storage.signingKeys,
          issuer: config.AUTH_ISSUER,
          audience: config.AUTH_AUDIENCE,
          serviceName: entry.name,
          ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
          clock,
        });
        protection = await buildSignInProtection(config, clock, overrides);
        const { throttle } = protection;
        return {
          users: storage.users,
          refreshTokens: storage.refreshTokens,
          addresses: storage.addresses,
          signingKeys: storage.signingKeys,
          accessTokens,
          ...protection,
          clock,
          refreshTokenTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
          serviceClients: {
            secrets: parseServiceCredentials(config.SERVICE_CREDENTIALS).clients,
            tokenTtlSeconds: config.SERVICE_TOKEN_TTL_SECONDS,
          },
          readiness: [
            { name: storage.engine, check: () => storage.ready() },
            { name: 'throttle', check: () => throttle.ping() },
          ],
          async close() {
            await throttle.close();
            await storage.close();
          },
        };
      } catch (error) {
        await protection?.throttle.close();
        await storage.close();
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
      registerNoStore(app);
      registerAuthRoutes(app, stores);
      registerAccountRoutes(app, stores, stores.accessTokens);
      registerAddressRoutes(app, stores);
      registerInternalAddressRoutes(app, stores);
      registerServiceTokenRoutes(app, stores);
    },
  });
}

export const accountsService = defineAccountsService();
