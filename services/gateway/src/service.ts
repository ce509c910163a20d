import {
  ServiceClient,
  createHttpServer,
  createLogger,
  createMetrics,
  type HttpServer,
  type Logger,
} from '@emporium/kit';
import type { FastifyInstance } from 'fastify';
import { registerAdminRoutes } from './adapters/http/admin-routes.ts';
import { registerProxyRoutes } from './adapters/http/proxy-routes.ts';
import { registerStorefront } from './adapters/http/storefront-routes.ts';
import { HttpUpstream } from './adapters/upstream/http-upstream.ts';
import { handoffServerFactory } from './adapters/http/in-process-handoff.ts';
import type { ServiceName } from './app/route-table.ts';
import type { Upstream } from './app/upstream.ts';
import { upstreamsOf } from './app/upstreams.ts';
import { storefrontDirectory, type GatewayConfig } from './config.ts';

export interface GatewayService {
  app: HttpServer;
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface GatewayOverrides {
  logger?: Logger;
  processMetrics?: boolean;
  /** Services running in this same process (embedded mode): requests are dispatched in-process. */
  inProcess?: ReadonlyMap<ServiceName, FastifyInstance>;
}

export async function createGatewayService(
  config: GatewayConfig,
  overrides: GatewayOverrides = {},
): Promise<GatewayService> {
  const logger = overrides.logger ?? createLogger({ level: config.LOG_LEVEL, service: 'gateway' });
  const timeoutMs = config.GATEWAY_UPSTREAM_TIMEOUT_MS;
  const deployed = upstreamsOf(config);
  const upstreams = new Map<ServiceName, Upstream>(
    [...deployed].map(([service, baseUrl]) => [
      service,
      new HttpUpstream({ service, baseUrl, timeoutMs }),
    ]),
  );
  const processMetrics = overrides.processMetrics ?? true;
  const metrics = createMetrics('gateway', { processMetrics });
  const inProcess = overrides.inProcess;
  const clients = new Map(
    [...deployed].map(([name, baseUrl]) => [
      name,
      new ServiceClient({ name, baseUrl, logger, timeoutMs, retries: 1, connections: 4 }),
    ]),
  );
  const { app } = await createHttpServer({
    name: 'gateway',
    description: 'The public entry point: routes /api/<resource> to the owning service',
    logger,
    metrics,
    ...(inProcess ? { serverFactory: handoffServerFactory(inProcess, metrics) } : {}),
  });
  registerAdminRoutes(app, clients);
  registerProxyRoutes(app, upstreams);
  const storefront = storefrontDirectory(config);
  if (storefront) await registerStorefront(app, { root: storefront });
  await app.ready();
  return {
    app,
    listen: () => app.listen({ host: config.HOST, port: config.GATEWAY_PORT }),
    async close() {
      await app.close();
      await Promise.all(
        [...clients.values(), ...upstreams.values()].map((closable) => closable.close()),
      );
    },
  };
}
