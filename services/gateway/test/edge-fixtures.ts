import { createHttpServer, type HttpServer } from '@emporium/kit';
import { silentLogger } from '@emporium/kit/testing';
import { loadGatewayConfig } from '../src/config.ts';
import {
  createGatewayService,
  type GatewayService,
  type GatewayOverrides,
} from '../src/service.ts';
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
  overrides: Omit<GatewayOverrides, 'logger' | 'processMetrics'> & {
    inProcess?: ReadonlyMap<ServiceName, HttpServer>;
  } = {},
): Promise<GatewayService> {
  const config = loadGatewayConfig({
    LOG_LEVEL: 'silent',
    GATEWAY_PORT: '0',
    GATEWAY_SERVICES: 'catalog,inventory',
    STOREFRONT_DIR: 'off',
    ...env,
  });
  return createGatewayService(config, {
    logger: silentLogger,
    processMetrics: false,
    ...overrides,
  });
}
