import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup } from './cleanup.ts';
import { freePorts } from './free-port.ts';

export interface ServiceUrls {
  gateway: string;
  catalog: string;
  accounts: string;
}

export interface LocalServices {
  dataDir: string;
  urls: ServiceUrls;
  /** This process's environment plus the data dir, free ports and quiet logs. */
  env: NodeJS.ProcessEnv;
}

/**
 * A fresh data dir (removed by `cleanup()`) and free ports for the gateway, catalog and
 * accounts on 127.0.0.1, so a bench run never meets a platform the user left running.
 */
export async function localServices(dataDirPrefix: string): Promise<LocalServices> {
  const dataDir = await mkdtemp(join(tmpdir(), dataDirPrefix));
  onCleanup(() => rm(dataDir, { recursive: true, force: true }));

  const [gatewayPort, catalogPort, accountsPort] = (await freePorts(3)).map(String);
  if (!gatewayPort || !catalogPort || !accountsPort) throw new Error('could not pick free ports');
  const local = (port: string) => `http://127.0.0.1:${port}`;
  const urls = {
    gateway: local(gatewayPort),
    catalog: local(catalogPort),
    accounts: local(accountsPort),
  };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    GATEWAY_PORT: gatewayPort,
    CATALOG_PORT: catalogPort,
    ACCOUNTS_PORT: accountsPort,
    // Every request comes from one loopback client: the gateway's per-client limit would
    // answer 429 within a second. The bench measures the platform, not the limit (it says so).
    RATE_LIMIT_PER_CLIENT: '0',
  };
  return { dataDir, urls, env };
}
