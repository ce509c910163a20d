import { join } from 'node:path';
import {
  EmbeddedEventBus,
  createLogger,
  retryPolicyOf,
  systemClock,
  type Closable,
  type Logger,
} from '@emporium/kit';
import { createAccountsService, loadAccountsConfig } from '@emporium/accounts';
import { createCatalogService, loadCatalogConfig, type CatalogService } from '@emporium/catalog';
import { createGatewayService, loadGatewayConfig } from '@emporium/gateway';
import { withEmbeddedDefaults } from './config.ts';

export interface RunningPlatform extends Closable {
  catalog: CatalogService;
  bus: EmbeddedEventBus;
  urls: Record<string, string>;
}

export interface PlatformOptions {
  env?: Record<string, string | undefined>;
  logger?: Logger;
  /** Called between building the services and opening their ports (the launcher seeds here). */
  beforeListen?: (platform: Omit<RunningPlatform, 'urls' | 'close'>) => Promise<void>;
}

/**
 * Every service in one process, each on its own port with its own SQLite file,
 * sharing one durable in-process event bus.
 */
export async function startPlatform(options: PlatformOptions = {}): Promise<RunningPlatform> {
  const env = withEmbeddedDefaults(options.env ?? process.env);
  const catalogConfig = loadCatalogConfig(env);
  const accountsConfig = loadAccountsConfig(env);
  const gatewayConfig = loadGatewayConfig(env);
  const logger =
    options.logger ?? createLogger({ level: catalogConfig.LOG_LEVEL, service: 'platform' });
  const bus = await EmbeddedEventBus.open({
    path: join(catalogConfig.DATA_DIR, 'bus.sqlite'),
    clock: systemClock,
    logger,
    retry: retryPolicyOf(catalogConfig),
  });

  const accounts = await createAccountsService(accountsConfig, {
    logger: logger.child({ service: 'accounts' }),
    processMetrics: false,
  });
  const catalog = await createCatalogService(catalogConfig, {
    logger: logger.child({ service: 'catalog' }),
    bus,
    processMetrics: true,
  });
  // Same process: the gateway dispatches into the services' routers, no socket hop.
  const inProcess = new Map([
    ['catalog' as const, catalog.app],
    ['accounts' as const, accounts.app],
  ]);
  const gateway = await createGatewayService(gatewayConfig, {
    logger: logger.child({ service: 'gateway' }),
    processMetrics: false,
    inProcess,
  });
  await bus.start();
  await options.beforeListen?.({ catalog, bus });

  const urls = {
    gateway: await gateway.listen(),
    catalog: await catalog.listen(),
    accounts: await accounts.listen(),
  };
  return {
    catalog,
    bus,
    urls,
    async close() {
      await gateway.close();
      await catalog.close();
      await accounts.close();
      await bus.close();
    },
  };
}
