import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVICE_MANIFEST } from '@emporium/contracts';
import { onCleanup } from './cleanup.ts';
import { freePorts } from './free-port.ts';

/** Base URL of every service of the manifest, by name; the bench drives these two. */
export type ServiceUrls = Readonly<Record<string, string>> & { gateway: string; catalog: string };

export interface LocalServices {
  dataDir: string;
  urls: ServiceUrls;
  /** This process's environment plus the data dir, free ports, each other's URLs and quiet logs. */
  env: NodeJS.ProcessEnv;
}

/**
 * A fresh data dir (removed by `cleanup()`) and a free port on 127.0.0.1 for every service
 * of the manifest, so a bench run never meets a platform the user left running.
 */
export async function localServices(dataDirPrefix: string): Promise<LocalServices> {
  const dataDir = await mkdtemp(join(tmpdir(), dataDirPrefix));
  onCleanup(() => rm(dataDir, { recursive: true, force: true }));

  const ports = (await freePorts(SERVICE_MANIFEST.length)).map(String);
  if (ports.length !== SERVICE_MANIFEST.length) throw new Error('could not pick free ports');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    // Every request comes from one loopback client: the gateway's per-client limit would
    // answer 429 within a second. The bench measures the platform, not the limit (it says so).
    RATE_LIMIT_PER_CLIENT: '0',
    // The checkout scenario signs up its shoppers from that one client too (default: 20 an hour).
    ACCOUNTS_REGISTRATIONS_PER_ADDRESS: '100000',
  };
  const urls: Record<string, string> = {};
  SERVICE_MANIFEST.forEach((entry, index) => {
    urls[entry.name] = `http://127.0.0.1:${ports[index]}`;
    env[entry.portVariable] = ports[index];
    // The gateway and the token check must reach these instances, not the default ports.
    env[entry.urlVariable] = urls[entry.name];
  });
  return { dataDir, urls: urls as ServiceUrls, env };
}
