import { ServiceClient, defineService, trustedProxies, type RunningService } from '@emporium/kit';
import { AccountsClient, manifestEntry } from '@emporium/contracts';
import { registerAdminGuard } from './adapters/http/admin-guard.ts';
import { createEdgeVerifier } from './adapters/http/edge-verifier.ts';
import { registerAdminRoutes } from './adapters/http/admin-routes.ts';
import { handoffServerFactory, type EdgePolicy } from './adapters/http/in-process-handoff.ts';
import { OpenStreams } from './adapters/http/open-streams.ts';
import { registerProxyRoutes } from './adapters/http/proxy-routes.ts';
import { registerGatewayRateLimit } from './adapters/http/rate-limit.ts';
import { registerSessionRoutes } from './adapters/http/session-routes.ts';
import { registerStorefront } from './adapters/http/storefront-routes.ts';
import { parseAllowedOrigins } from './app/browser-session.ts';
import { HttpUpstream } from './adapters/upstream/http-upstream.ts';
import type { ServiceName } from './app/route-table.ts';
import type { Upstream } from './app/upstream.ts';
import { upstreamsOf } from './app/upstreams.ts';
import { GatewayConfigSchema, storefrontDirectory, type GatewayConfig } from './config.ts';

/** The gateway keeps nothing durable: its "stores" are its connections to the services. */
export interface GatewayStores {
  upstreams: ReadonlyMap<ServiceName, Upstream>;
  clients: ReadonlyMap<ServiceName, ServiceClient>;
  /** Whom it believes about client addresses, and its rate limiter once registered. */
  edge: EdgePolicy;
  close(): Promise<void>;
}

export type GatewayService = RunningService<GatewayConfig, GatewayStores>;

const entry = manifestEntry('gateway');

/** The gateway on the service host; in embedded mode it hands requests to its peers' routers. */
export const gatewayService = defineService({
  name: entry.name,
  description: 'The public entry point: routes /api/<resource> to the owning service',
  config: GatewayConfigSchema,
  portVariable: 'GATEWAY_PORT',
  // Tokens travel to the owning service, which checks them; the admin guard checks its own.
  authenticates: false,
  trustedProxies: (config) => config.GATEWAY_TRUSTED_PROXIES,

  async stores({ config, logger }): Promise<GatewayStores> {
    const timeoutMs = config.GATEWAY_UPSTREAM_TIMEOUT_MS;
    const deployed = [...upstreamsOf(config)];
    const upstreams = new Map<ServiceName, Upstream>(
      deployed.map(([service, baseUrl]) => [
        service,
        new HttpUpstream({ service, baseUrl, timeoutMs }),
      ]),
    );
    const clients = new Map(
      deployed.map(([name, baseUrl]) => [
        name,
        new ServiceClient({ name, baseUrl, logger, timeoutMs, retries: 1, connections: 4 }),
      ]),
    );
    return {
      upstreams,
      clients,
      edge: {
        trust: trustedProxies(config.GATEWAY_TRUSTED_PROXIES),
        limiter: undefined,
        streams: new OpenStreams(),
      },
      async close() {
        await Promise.all(
          [...clients.values(), ...upstreams.values()].map((closable) => closable.close()),
        );
      },
    };
  },

  serverFactory: ({ peers }, stores, metrics) =>
    peers.size > 0 ? handoffServerFactory(peers, metrics, stores.edge) : undefined,

  // The order matters: the rate limit counts every request, then the guard, then routing.
  async routes(app, { config }, stores, host) {
    stores.edge.limiter = await registerGatewayRateLimit(app, config);
    registerAdminGuard(app, createEdgeVerifier(host.verifier));
    registerAdminRoutes(app, stores.clients);
    registerProxyRoutes(app, stores.upstreams, stores.edge.trust, stores.edge.streams);
    // The storefront's cookie session, when accounts (which issues the tokens) is deployed.
    const accounts = stores.clients.get('accounts');
    if (accounts)
      await registerSessionRoutes(app, {
        issuer: new AccountsClient(accounts),
        trust: stores.edge.trust,
        allowedOrigins: parseAllowedOrigins(config.GATEWAY_SESSION_ORIGINS),
      });
    // Before the server closes, which would otherwise wait for streams that never end.
    app.addHook('preClose', (done) => {
      stores.edge.streams.closeAll();
      done();
    });
    const storefront = storefrontDirectory(config);
    if (storefront) await registerStorefront(app, { root: storefront });
  },
});
