import { loadConfig } from '@emporium/kit';
import { MAX_DEMO_PRODUCTS } from './seed/demo-catalog.ts';
import { Type, type Static } from 'typebox';

export const PlatformConfigSchema = Type.Object({
  SEED: Type.Integer({
    default: 42,
    description: 'Seed of the demo catalog generated on first start (same seed, same catalog)',
  }),
  SEED_PRODUCTS: Type.Integer({
    minimum: 0,
    maximum: MAX_DEMO_PRODUCTS,
    default: 600,
    description: 'Demo products to generate on first start; 0 starts empty',
  }),
});

export type PlatformConfig = Static<typeof PlatformConfigSchema>;

export function loadPlatformConfig(env: Record<string, string | undefined>): PlatformConfig {
  return loadConfig(PlatformConfigSchema, env);
}

/**
 * In one process the services find each other on loopback: unless set explicitly,
 * the gateway's upstream URLs, the JWKS URL and the media URL follow the ports.
 */
export function withEmbeddedDefaults(
  env: Record<string, string | undefined>,
): Record<string, string | undefined> {
  const port = (name: string, fallback: number) => env[name] ?? String(fallback);
  const local = (name: string, fallback: number) => `http://127.0.0.1:${port(name, fallback)}`;
  return {
    CATALOG_URL: local('CATALOG_PORT', 4001),
    ACCOUNTS_URL: local('ACCOUNTS_PORT', 4006),
    AUTH_JWKS_URL: `${local('ACCOUNTS_PORT', 4006)}/.well-known/jwks.json`,
    MEDIA_PUBLIC_URL: `http://localhost:${port('GATEWAY_PORT', 8080)}/api/media`,
    GATEWAY_SERVICES: 'catalog,accounts',
    ...env,
  };
}
