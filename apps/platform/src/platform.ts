import { join } from 'node:path';
import { pino, type DestinationStream } from 'pino';
import {
  EmbeddedEventBus,
  createLogger,
  loadConfig,
  CommonConfig,
  retryPolicyOf,
  startService,
  systemClock,
  Type,
  type Closable,
  type RunningService,
  type TokenVerifier,
} from '@emporium/kit';
import type { FastifyInstance } from 'fastify';
import { withEmbeddedDefaults } from './config.ts';
import { loadServices } from './services.ts';

export interface RunningPlatform extends Closable {
  /** Every service of the manifest, by name, in start order. */
  services: ReadonlyMap<string, RunningService>;
  bus: EmbeddedEventBus;
  urls: Record<string, string>;
}

export interface PlatformOptions {
  env?: Record<string, string | undefined>;
  /** Where every service's log lines go (stdout when absent). */
  logDestination?: DestinationStream;
  /** Called between building the services and opening their ports (the launcher seeds here). */
  beforeListen?: (platform: Pick<RunningPlatform, 'services' | 'bus'>) => Promise<void>;
}

const PlatformCommon = Type.Object({
  DATA_DIR: CommonConfig.DATA_DIR,
  LOG_LEVEL: CommonConfig.LOG_LEVEL,
  EVENT_MAX_ATTEMPTS: CommonConfig.EVENT_MAX_ATTEMPTS,
  EVENT_RETRY_BASE_MS: CommonConfig.EVENT_RETRY_BASE_MS,
});

/**
 * Every service of the manifest in one process, each on its own port with its own
 * SQLite file and its own logger, sharing one durable in-process event bus. The token
 * issuer's verifier is handed to the services after it; the gateway gets the others'
 * routers, so it dispatches in-process.
 */
export async function startPlatform(options: PlatformOptions = {}): Promise<RunningPlatform> {
  const env = withEmbeddedDefaults(options.env ?? process.env);
  const common = loadConfig(PlatformCommon, env);
  const logDestination = options.logDestination ?? pino.destination(1);
  const bus = await EmbeddedEventBus.open({
    path: join(common.DATA_DIR, 'bus.sqlite'),
    clock: systemClock,
    logger: createLogger({ level: common.LOG_LEVEL, service: 'platform' }, logDestination),
    retry: retryPolicyOf(common),
  });
  const services = new Map<string, RunningService>();
  const close = async () => {
    for (const service of [...services.values()].reverse()) await service.close();
    await bus.close();
  };
  try {
    let verifier: TokenVerifier | undefined;
    for (const { entry, definition } of await loadServices()) {
      const service = await startService(definition, {
        env,
        logDestination,
        bus,
        // Each service takes service tokens minted for itself, not for the issuer.
        ...(verifier ? { verifier: verifier.forService?.(entry.name) ?? verifier } : {}),
        peers: new Map<string, FastifyInstance>([...services].map(([name, s]) => [name, s.app])),
        // Node's process metrics once per process: on the first service.
        processMetrics: services.size === 0,
      });
      services.set(entry.name, service);
      if (definition.verifier) verifier ??= service.verifier;
    }
    await bus.start();
    await options.beforeListen?.({ services, bus });
    const urls: Record<string, string> = {};
    for (const [name, service] of services) urls[name] = await service.listen();
    return { services, bus, urls, close };
  } catch (error) {
    await close();
    throw error;
  }
}
