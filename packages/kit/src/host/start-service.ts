import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Static, TObject } from 'typebox';
import { systemClock, type Clock } from '../clock.ts';
import type { CommonConfigValues } from '../common-config.ts';
import { loadConfig } from '../config.ts';
import { createEventBus } from '../events/create-event-bus.ts';
import type { EventBus } from '../events/event-bus.ts';
import { OutboxRelay } from '../events/outbox-relay.ts';
import { createServiceAwareVerifier } from '../auth/service-aware-verifier.ts';
import { registerAuth, remoteKeys, type TokenVerifier } from '../http/auth.ts';
import { registerDeadLetterRoutes } from '../http/dead-letter-routes.ts';
import { createHttpServer, type HttpServer } from '../http/server.ts';
import { createLogger, type Logger } from '../observability/logger.ts';
import { createMetrics, type HttpMetrics } from '../observability/metrics.ts';
import { registerBusMetrics } from './bus-metrics.ts';
import { BusStartup } from './bus-startup.ts';
import { CommitSignal } from './commit-signal.ts';
import type { ServiceContext, ServiceDefinition, ServiceStores } from './define-service.ts';

export interface StartOptions {
  env?: Record<string, string | undefined>;
  /** A ready logger (tests); otherwise the host builds one with this service's name. */
  logger?: Logger;
  /** Where the host's logger writes (the embedded launcher shares one stream). */
  logDestination?: DestinationStream;
  clock?: Clock;
  /** The process-wide bus in embedded mode; the service opens its own when absent. */
  bus?: EventBus;
  /** An in-process verifier (embedded: the accounts service's); JWKS when absent. */
  verifier?: TokenVerifier;
  peers?: ReadonlyMap<string, FastifyInstance>;
  /** Node process metrics on this service's registry (once per process is enough). */
  processMetrics?: boolean;
}

export interface RunningService<Config = unknown, Stores extends ServiceStores = ServiceStores> {
  readonly name: string;
  readonly config: Config;
  readonly app: HttpServer;
  readonly stores: Stores;
  readonly logger: Logger;
  readonly verifier: TokenVerifier;
  readonly bus: EventBus | undefined;
  readonly relay: OutboxRelay | undefined;
  /** Listens on the configured host and port; resolves with the bound address. */
  listen(): Promise<string>;
  /** Stop accepting, close HTTP, flush the relay, close the bus (if its own), close stores. */
  close(): Promise<void>;
}

interface Wired {
  bus: EventBus | undefined;
  ownBus: boolean;
  relay: OutboxRelay | undefined;
  startup: BusStartup;
}

/**
 * Builds a service from its definition, in the start order: stores → consumers →
 * start hook → routes → ready → relay → bus. `listen()` opens the port; an own bus
 * finishes joining its consumer groups meanwhile (see BusStartup).
 */
export async function startService<Schema extends TObject, Stores extends ServiceStores>(
  definition: ServiceDefinition<Schema, Stores>,
  options: StartOptions = {},
): Promise<RunningService<Static<Schema>, Stores>> {
  const config = loadConfig(definition.config, options.env ?? process.env) as Static<Schema>;
  const common = config as unknown as CommonConfigValues;
  definition.checkConfig?.(config, common.EMPORIUM_MODE);
  const logger =
    options.logger ??
    createLogger({ level: common.LOG_LEVEL, service: definition.name }, options.logDestination);
  const context: ServiceContext<Static<Schema>> = {
    name: definition.name,
    config,
    mode: common.EMPORIUM_MODE,
    clock: options.clock ?? systemClock,
    logger,
    commits: new CommitSignal(),
    peers: options.peers ?? new Map(),
  };
  const stores = await definition.stores(context);
  let wired: Wired = {
    bus: options.bus,
    ownBus: false,
    relay: undefined,
    startup: new BusStartup(),
  };
  try {
    wired = await wireEvents(definition, context, stores, options.bus);
    await definition.start?.(context, stores);
    const { app, verifier } = await buildHttp(definition, context, stores, wired, options);
    wired.relay?.start();
    if (wired.ownBus && wired.bus) wired.startup.begin(wired.bus, logger);
    return running(definition, context, stores, wired, app, verifier);
  } catch (error) {
    // A failed start (e.g. a weak ADMIN_PASSWORD) must not leave stores or the bus open.
    if (wired.ownBus) await wired.bus?.close();
    await stores.close();
    throw error;
  }
}

async function wireEvents<Schema extends TObject, Stores extends ServiceStores>(
  definition: ServiceDefinition<Schema, Stores>,
  context: ServiceContext<Static<Schema>>,
  stores: Stores,
  shared: EventBus | undefined,
): Promise<Wired> {
  const subscriptions = definition.consumers?.(context, stores) ?? [];
  const startup = new BusStartup();
  if (!stores.outbox && subscriptions.length === 0)
    return { bus: undefined, ownBus: false, relay: undefined, startup };
  const common = context.config as unknown as CommonConfigValues;
  const bus = shared ?? (await createEventBus(common, context.name, context.clock, context.logger));
  const relay = stores.outbox
    ? new OutboxRelay({
        store: stores.outbox,
        bus,
        logger: context.logger,
        coalesceMs: common.OUTBOX_COALESCE_MS,
      })
    : undefined;
  if (relay) context.commits.listen(() => relay.notify());
  for (const subscription of subscriptions) bus.subscribe(subscription);
  return { bus, ownBus: !shared, relay, startup };
}

async function buildHttp<Schema extends TObject, Stores extends ServiceStores>(
  definition: ServiceDefinition<Schema, Stores>,
  context: ServiceContext<Static<Schema>>,
  stores: Stores,
  wired: Wired,
  options: StartOptions,
): Promise<{ app: HttpServer; verifier: TokenVerifier }> {
  const common = context.config as unknown as CommonConfigValues;
  const metrics: HttpMetrics = createMetrics(definition.name, {
    processMetrics: options.processMetrics ?? true,
  });
  const serverFactory = definition.serverFactory?.(context, stores, metrics);
  const { app } = await createHttpServer({
    name: definition.name,
    description: definition.description,
    logger: context.logger,
    bodyLimitBytes: common.BODY_LIMIT_BYTES,
    metrics,
    trustedProxies: definition.trustedProxies?.(context.config) ?? common.TRUSTED_PROXIES,
    readiness: [...(stores.readiness ?? []), ...(wired.ownBus ? [wired.startup.readiness] : [])],
    ...(serverFactory ? { serverFactory } : {}),
  });
  const verifier =
    options.verifier ??
    definition.verifier?.(context, stores) ??
    jwksVerifier(common, definition.name);
  if (definition.authenticates !== false) registerAuth(app, verifier);
  if (wired.bus) registerBusMetrics(metrics.registry, wired.bus, wired.relay);
  await definition.routes(app, context, stores, { bus: wired.bus, metrics, verifier });
  if (wired.bus) registerDeadLetterRoutes(app, wired.bus, definition.name);
  await app.ready();
  return { app, verifier };
}

/** User tokens for the shared audience, and service tokens minted for this service only. */
function jwksVerifier(config: CommonConfigValues, name: string): TokenVerifier {
  return createServiceAwareVerifier({
    keys: remoteKeys(config.AUTH_JWKS_URL),
    issuer: config.AUTH_ISSUER,
    userAudience: config.AUTH_AUDIENCE,
    serviceAudience: name,
    clockSkewSeconds: config.AUTH_CLOCK_SKEW_SECONDS,
  });
}

function running<Schema extends TObject, Stores extends ServiceStores>(
  definition: ServiceDefinition<Schema, Stores>,
  context: ServiceContext<Static<Schema>>,
  stores: Stores,
  { bus, ownBus, relay, startup }: Wired,
  app: HttpServer,
  verifier: TokenVerifier,
): RunningService<Static<Schema>, Stores> {
  const common = context.config as unknown as CommonConfigValues;
  const port = Number((context.config as Record<string, unknown>)[definition.portVariable]);
  return {
    name: definition.name,
    config: context.config,
    app,
    stores,
    logger: context.logger,
    verifier,
    bus,
    relay,
    listen: () => app.listen({ host: common.HOST, port }),
    async close() {
      await app.close();
      await relay?.flush();
      // Closing the bus first ends a start still retrying to reach Kafka.
      if (ownBus) await bus?.close();
      await startup.settled();
      await stores.close();
    },
  };
}
