import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CommonConfig, PortSchema, loadConfig } from '@emporium/kit';
import { UPSTREAM_SERVICES, manifestEntry } from '@emporium/contracts';
import { Type, type Static, type TString } from 'typebox';

/** `<NAME>_URL` of every service in the manifest. */
const upstreamUrls: Record<string, TString> = Object.fromEntries(
  UPSTREAM_SERVICES.map((entry) => [
    entry.urlVariable,
    Type.String({
      default: `http://127.0.0.1:${entry.defaultPort}`,
      description: `Base URL of the ${entry.name} service`,
    }),
  ]),
);

export const GatewayConfigSchema = Type.Object({
  ...CommonConfig,
  GATEWAY_PORT: PortSchema(
    manifestEntry('gateway').defaultPort,
    'Port of the gateway (the public entry point)',
  ),
  ...upstreamUrls,
  GATEWAY_SERVICES: Type.String({
    default: UPSTREAM_SERVICES.map((entry) => entry.name).join(','),
    pattern: '^[a-z]+(,[a-z]+)*$',
    description: 'Comma-separated services that are deployed; routes of others answer 502',
  }),
  GATEWAY_UPSTREAM_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    maximum: 120_000,
    default: 10_000,
    description: 'How long the gateway waits for a service',
  }),
  GATEWAY_TRUSTED_PROXIES: Type.String({
    default: '',
    description:
      'Proxies in front of the gateway (an ALB) whose X-Forwarded-For/-Proto it believes; TRUSTED_PROXIES syntax; empty: the peer is the client',
  }),
  GATEWAY_SESSION_ORIGINS: Type.String({
    default: '',
    description:
      "Origins (scheme://host[:port], comma-separated) besides the gateway's own whose pages may use /api/session, e.g. the public origin when a proxy rewrites Host",
  }),
  RATE_LIMIT_PER_CLIENT: Type.Integer({
    minimum: 0,
    maximum: 1_000_000,
    default: 1200,
    description:
      'Requests per client address per window at the gateway (0 turns it off); counted in Redis when CACHE=redis',
  }),
  RATE_LIMIT_WINDOW_MS: Type.Integer({
    minimum: 1000,
    maximum: 3_600_000,
    default: 60_000,
    description: 'The window of RATE_LIMIT_PER_CLIENT',
  }),
  RATE_LIMIT_KEY_PREFIX: Type.String({
    default: 'emporium:gateway:rate:',
    description:
      'Prefix of the Redis keys of the rate limit (isolates environments sharing a Redis)',
  }),
  STOREFRONT_DIR: Type.String({
    default: 'apps/storefront/public',
    description:
      'Storefront served at /: a directory, absolute or relative to the repository root; `off` serves none',
  }),
});

export type GatewayConfig = Static<typeof GatewayConfigSchema>;

export function loadGatewayConfig(
  env: Record<string, string | undefined> = process.env,
): GatewayConfig {
  return loadConfig(GatewayConfigSchema, env);
}

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Where the storefront's files are, or undefined when it is switched off. */
export function storefrontDirectory(config: GatewayConfig): string | undefined {
  return config.STOREFRONT_DIR === 'off'
    ? undefined
    : resolve(repositoryRoot, config.STOREFRONT_DIR);
}
