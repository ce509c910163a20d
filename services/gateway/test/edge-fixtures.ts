import { createHttpServer, startService, type HttpServer, type TokenVerifier } from '@emporium/kit';
import { silentLogger } from '@emporium/kit/testing';
import { gatewayService, type GatewayService } from '../src/service.ts';
import type { ServiceName } from '../src/app/route-table.ts';

export interface Seen {
  url: string;
  ip: string;
  headers: Record<string, unknown>;
}

export interface FakeService {
  app: HttpServer;
  url: string;
  seen: Seen[];
}

/**
 * A service built with the kit, as every real one is: it believes forwarded headers only
 * from loopback (the default TRUSTED_PROXIES) and echoes what it concluded about the client.
 */
export async function startKitService(listen = true): Promise<FakeService> {
  const { app } = await createHttpServer({ name: 'fake', logger: silentLogger });
  const seen: Seen[] = [];
  app.all('/*', async (request) => {
    seen.push({ url: request.url, ip: request.ip, headers: request.headers });
    return { url: request.url, ip: request.ip, protocol: request.protocol };
  });
  await app.ready();
  const url = listen ? await app.listen({ host: '127.0.0.1', port: 0 }) : '';
  return { app, url, seen };
}

export async function startGateway(
  env: Record<string, string>,
  overrides: { verifier?: TokenVerifier; inProcess?: ReadonlyMap<ServiceName, HttpServer> } = {},
): Promise<GatewayService> {
  return startService(gatewayService, {
    env: {
      LOG_LEVEL: 'silent',
      GATEWAY_PORT: '0',
      GATEWAY_SERVICES: 'catalog',
      STOREFRONT_DIR: 'off',
      ...env,
    },
    logger: silentLogger,
    processMetrics: false,
    ...(overrides.verifier ? { verifier: overrides.verifier } : {}),
    ...(overrides.inProcess ? { peers: overrides.inProcess } : {}),
  });
}
