import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Environment for a platform on free ports; the launcher points the services at each other. */
export async function platformEnv(dataDir: string): Promise<Record<string, string>> {
  const [gateway, catalog, accounts] = [await freePort(), await freePort(), await freePort()];
  return {
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    EVENT_RETRY_BASE_MS: '5',
    GATEWAY_PORT: String(gateway),
    CATALOG_PORT: String(catalog),
    ACCOUNTS_PORT: String(accounts),
  };
}
