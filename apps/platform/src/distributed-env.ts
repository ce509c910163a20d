import { join } from 'node:path';
import { generateServiceCredentials } from '@emporium/kit';
import {
  GATEWAY,
  SERVICE_MANIFEST,
  UPSTREAM_SERVICES,
  type ServiceEntry,
} from '@emporium/contracts';
import { loopbackUrls, portOf } from './config.ts';

type Env = Record<string, string | undefined>;

/** Variables every process of `start:distributed` shares: engines, token keys, each other's URLs. */
export function sharedDistributedEnv(env: Env): Record<string, string> {
  return {
    EMPORIUM_MODE: env['EMPORIUM_MODE'] ?? 'distributed',
    HOST: env['HOST'] ?? '127.0.0.1',
    LOG_LEVEL: env['LOG_LEVEL'] ?? 'info',
    EVENT_BUS: 'kafka',
    KAFKA_BROKERS: env['KAFKA_BROKERS'] ?? '127.0.0.1:19092',
    AWS_ENDPOINT_URL: env['AWS_ENDPOINT_URL'] ?? 'http://127.0.0.1:14566',
    AUTH_JWKS_URL: `http://127.0.0.1:${portOf(env, 'accounts')}/.well-known/jwks.json`,
    MEDIA_PUBLIC_URL: `http://localhost:${portOf(env, GATEWAY)}/api/media`,
    GATEWAY_SERVICES: UPSTREAM_SERVICES.map((entry) => entry.name).join(','),
    ...loopbackUrls(env),
  };
}

/**
 * What one service's process runs with: the caller's environment, the shared variables,
 * its port, its own data folder and its manifest's distributed-mode variables (each of
 * which the caller's environment may override).
 */
export function distributedEnvOf(entry: ServiceEntry, env: Env, dataDir: string): Env {
  const own = Object.fromEntries(
    Object.entries(entry.distributedEnv).map(([name, value]) => [name, env[name] ?? value]),
  );
  return {
    ...env,
    ...sharedDistributedEnv(env),
    [entry.portVariable]: portOf(env, entry.name),
    DATA_DIR: join(dataDir, entry.name),
    ...own,
  };
}

/**
 * Fresh client credentials for every service of this run, unless the caller set them:
 * outside embedded mode accounts refuses the public embedded defaults. Generated once
 * and shared by every process, so each caller's secret matches what accounts holds.
 */
export function withServiceCredentials(env: Env): Env {
  if (env['SERVICE_CREDENTIALS']) return env;
  const names = SERVICE_MANIFEST.map((entry) => entry.name);
  return { ...env, SERVICE_CREDENTIALS: generateServiceCredentials(names) };
}
