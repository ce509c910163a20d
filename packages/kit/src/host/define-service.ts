import type { FastifyInstance, FastifyServerFactory } from 'fastify';
import type { Static, TObject } from 'typebox';
import type { Clock } from '../clock.ts';
import type { EventBus, Subscription } from '../events/event-bus.ts';
import type { OutboxStore } from '../events/outbox.ts';
import type { TokenVerifier } from '../http/auth.ts';
import type { ReadinessCheck } from '../http/health.ts';
import type { HttpServer } from '../http/server.ts';
import type { Logger } from '../observability/logger.ts';
import type { HttpMetrics } from '../observability/metrics.ts';
import type { CommitSignal } from './commit-signal.ts';

/** How the platform runs: set by the launchers through EMPORIUM_MODE. */
export type Mode = 'embedded' | 'distributed' | 'production';

/** What the host gives a service's own code. */
export interface ServiceContext<Config> {
  readonly name: string;
  readonly config: Config;
  readonly mode: Mode;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Stores call `commits.notify()` after each commit that wrote events. */
  readonly commits: CommitSignal;
  /** Routers of the other services in this process (embedded mode), by name. */
  readonly peers: ReadonlyMap<string, FastifyInstance>;
}

/** Whatever a service's `stores` returns: its adapters, plus what the host needs. */
export interface ServiceStores {
  /** Present when the service publishes events: the host runs its relay. */
  outbox?: OutboxStore;
  /** Probes for /health/ready. */
  readiness?: ReadinessCheck[];
  close(): Promise<void>;
}

/** What the host built, for the routes that need it. */
export interface HostParts {
  bus: EventBus | undefined;
  metrics: HttpMetrics;
  /** The verifier the host chose (JWKS, or the in-process one embedded). */
  verifier: TokenVerifier;
}

/**
 * A service states what is its own; the host adds logger, clock, HTTP server, token
 * verification, bus, relay, metrics, dead-letter routes and the start and stop order.
 */
export interface ServiceDefinition<
  Schema extends TObject = TObject,
  Stores extends ServiceStores = ServiceStores,
> {
  readonly name: string;
  readonly description: string;
  readonly config: Schema;
  /** The config key of the port it listens on (the manifest's `portVariable`). */
  readonly portVariable: keyof Static<Schema> & string;
  /** False for a service that reads no tokens itself (the gateway forwards them). */
  readonly authenticates?: boolean;
  /** Peers whose X-Forwarded-For it believes; default TRUSTED_PROXIES (the gateway has its own). */
  trustedProxies?(config: Static<Schema>): string;
  /** Rules across variables or modes, checked before anything opens (launchers call it too). */
  checkConfig?(config: Static<Schema>, mode: Mode): void;
  stores(context: ServiceContext<Static<Schema>>): Promise<Stores>;
  consumers?(context: ServiceContext<Static<Schema>>, stores: Stores): Subscription[];
  /** After consumers are subscribed, before routes: e.g. bootstrap the admin, reindex. */
  start?(context: ServiceContext<Static<Schema>>, stores: Stores): Promise<void>;
  /** A service that issues tokens verifies them in-process, not through JWKS. */
  verifier?(context: ServiceContext<Static<Schema>>, stores: Stores): TokenVerifier;
  /** Lets a service own the Node server (the gateway hands requests to its peers). */
  serverFactory?(
    context: ServiceContext<Static<Schema>>,
    stores: Stores,
    metrics: HttpMetrics,
  ): FastifyServerFactory | undefined;
  routes(
    app: HttpServer,
    context: ServiceContext<Static<Schema>>,
    stores: Stores,
    host: HostParts,
  ): Promise<void> | void;
}

/** Identity function that infers the config and stores types of a definition. */
export function defineService<Schema extends TObject, Stores extends ServiceStores>(
  definition: ServiceDefinition<Schema, Stores>,
): ServiceDefinition<Schema, Stores> {
  return Object.freeze(definition);
}
