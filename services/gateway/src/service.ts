import {
  ServiceClient,
  createHttpServer,
  createLogger,
  type HttpServer,
  type Logger,
} from '@emporium/kit';
import { registerAdminRoutes } from './adapters/http/admin-routes.ts';
import { registerProxyRoutes } from './adapters/http/proxy-routes.ts';
import { upstreamsOf } from './app/upstreams.ts';
import type { GatewayConfig } from './config.ts';

export interface GatewayService {
  app: HttpServer;
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface GatewayOverrides {
  logger?: Logger;
  processMetrics?: boolean;
}

export async function createGatewayService(
  config: GatewayConfig,
  overrides: GatewayOverrides = {},
): Promise<GatewayService> {
  const logger = overrides.logger ?? createLogger({ level: config.LOG_LEVEL, service: 'gateway' });
  const upstreams = upstreamsOf(config);
  const clients = new Map(
    [...upstreams].map(([name, baseUrl]) => [
      name,
      new ServiceClient({
        name,
        baseUrl,
        logger,
        timeoutMs: config.GATEWAY_UPSTREAM_TIMEOUT_MS,
        retries: 1,
        connections: 8,
      }),
    ]),
  );
  const { app } = await createHttpServer({
    name: 'gateway',
    description: 'The public entry point: routes /api/<resource> to the owning service',
    logger,
    processMetrics: overrides.processMetrics ?? true,
  });
  registerAdminRoutes(app, clients);
  const agent = await registerProxyRoutes(app, {
    upstreams,
    timeoutMs: config.GATEWAY_UPSTREAM_TIMEOUT_MS,
  });
  await app.ready();
  return {
    app,
    listen: () => app.listen({ host: config.HOST, port: config.GATEWAY_PORT }),
    async close() {
      await app.close();
      await Promise.all([...clients.values()].map((client) => client.close()));
      await agent.close();
    },
  };
}
