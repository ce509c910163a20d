import { fileURLToPath } from 'node:url';
import { CommonConfig, PortSchema, loadConfig } from '@emporium/kit';
import { Type, type Static } from 'typebox';

const Upstream = (port: number, service: string) =>
  Type.String({
    default: `http://127.0.0.1:${port}`,
    description: `Base URL of the ${service} service`,
  });

export const GatewayConfigSchema = Type.Object({
  ...CommonConfig,
  GATEWAY_PORT: PortSchema(8080, 'Port of the gateway (the public entry point)'),
  CATALOG_URL: Upstream(4001, 'catalog'),
  PRICING_URL: Upstream(4002, 'pricing'),
  INVENTORY_URL: Upstream(4003, 'inventory'),
  CART_URL: Upstream(4004, 'cart'),
  ORDERS_URL: Upstream(4005, 'orders'),
  ACCOUNTS_URL: Upstream(4006, 'accounts'),
  NOTIFICATIONS_URL: Upstream(4007, 'notifications'),
  RECOMMENDATIONS_URL: Upstream(4008, 'recommendations'),
  GATEWAY_SERVICES: Type.String({
    default: 'catalog,accounts',
    pattern: '^[a-z]+(,[a-z]+)*$',
    description: 'Comma-separated services that are deployed; routes of others answer 502',
  }),
  GATEWAY_UPSTREAM_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    maximum: 120_000,
    default: 10_000,
    description: 'How long the gateway waits for a service',
  }),
  STOREFRONT_DIR: Type.String({
    default: fileURLToPath(new URL('../../../apps/storefront/public', import.meta.url)),
    description: 'Directory of the storefront page served at / (empty string: no storefront)',
  }),
});

export type GatewayConfig = Static<typeof GatewayConfigSchema>;

export function loadGatewayConfig(
  env: Record<string, string | undefined> = process.env,
): GatewayConfig {
  const config = loadConfig(GatewayConfigSchema, env);
  // loadConfig reads '' as unset; for the storefront an explicit '' means "do not serve it".
  return env['STOREFRONT_DIR'] === '' ? Object.freeze({ ...config, STOREFRONT_DIR: '' }) : config;
}
