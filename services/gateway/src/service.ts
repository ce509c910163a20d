import {
  ServiceClient,
  createHttpServer,
  createJwtVerifier,
  createLogger,
  createMetrics,
  remoteKeys,
  trustedProxies,
  type HttpServer,
  type Logger,
  type TokenVerifier,
} from '@emporium/kit';
import type { FastifyInstance } from 'fastify';
import { registerAdminRoutes } from './adapters/http/admin-routes.ts';
import { registerProxyRoutes } from './adapters/http/proxy-routes.ts';
import { registerStorefront } from './adapters/http/storefront-routes.ts';
import { HttpUpstream } from './adapters/upstream/http-upstream.ts';
import { handoffServerFactory, type EdgePolicy } from './adapters/http/in-process-handoff.ts';
import { registerAdminGuard } from './adapters/http/admin-guard.ts';
import { registerGatewayRateLimit } from './adapters/http/rate-limit.ts';
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
  /** Verifies tokens on admin and internal routes; default: the accounts JWKS. */
  verifier?: TokenVerifier;
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
  const trust = trustedProxies(config.GATEWAY_TRUSTED_PROXIES);
  const edge: EdgePolicy = { trust, limiter: undefined };
  const { app } = await createHttpServer({
    name: 'gateway',
    description: 'The public entry point: routes /api/<resource> to the owning service',
    logger,
    metrics,
    trustedProxies: config.GATEWAY_TRUSTED_PROXIES,
    ...(inProcess ? { serverFactory: handoffServerFactory(inProcess, metrics, edge) } : {}),
  });
  edge.limiter = await registerGatewayRateLimit(app, config);
  registerAdminGuard(app, overrides.verifier ?? verifierOf(config));
  registerAdminRoutes(app, clients);
  registerProxyRoutes(app, upstreams, trust);
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

function verifierOf(config: GatewayConfig): TokenVerifier {
  return createJwtVerifier({
    keys: remoteKeys(config.AUTH_JWKS_URL),
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
  });
}
