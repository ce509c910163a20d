import { loadConfig } from '@emporium/kit';
import { GATEWAY, UPSTREAM_SERVICES, manifestEntry } from '@emporium/contracts';
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
  SEED_PRICED_PRODUCTS: Type.Integer({
    minimum: 0,
    maximum: MAX_DEMO_PRODUCTS,
    default: 600,
    description:
      'Demo products whose SKUs get prices and stock on first start, through the pricing and inventory APIs (the first ones; 0 = none)',
  }),
});

export type PlatformConfig = Static<typeof PlatformConfigSchema>;

export function loadPlatformConfig(env: Record<string, string | undefined>): PlatformConfig {
  return loadConfig(PlatformConfigSchema, env);
}

type Env = Record<string, string | undefined>;

/** The port a manifest service gets: its port variable when set, else its default. */
export function portOf(env: Env, name: string): string {
  const entry = manifestEntry(name);
  return env[entry.portVariable] ?? String(entry.defaultPort);
}

/** `<NAME>_URL` of every upstream service, on loopback at its port. */
export function loopbackUrls(env: Env): Record<string, string> {
  return Object.fromEntries(
    UPSTREAM_SERVICES.map((entry) => [
      entry.urlVariable,
      `http://127.0.0.1:${portOf(env, entry.name)}`,
    ]),
  );
}

/**
 * In one process the services find each other on loopback: unless set explicitly,
 * the gateway's upstream URLs, the JWKS URL and the media URL follow the ports.
 */
export function withEmbeddedDefaults(env: Env): Env {
  return {
    EMPORIUM_MODE: 'embedded',
    ...loopbackUrls(env),
    AUTH_JWKS_URL: `http://127.0.0.1:${portOf(env, 'accounts')}/.well-known/jwks.json`,
    MEDIA_PUBLIC_URL: `http://localhost:${portOf(env, GATEWAY)}/api/media`,
    GATEWAY_SERVICES: UPSTREAM_SERVICES.map((entry) => entry.name).join(','),
    ...env,
  };
}
