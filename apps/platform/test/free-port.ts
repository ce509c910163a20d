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

/** Environment for a platform on free ports, with every service pointing at the others. */
export async function platformEnv(dataDir: string): Promise<Record<string, string>> {
  const [gateway, catalog, accounts] = [await freePort(), await freePort(), await freePort()];
  return {
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    EVENT_RETRY_BASE_MS: '5',
    GATEWAY_PORT: String(gateway),
    CATALOG_PORT: String(catalog),
    ACCOUNTS_PORT: String(accounts),
    CATALOG_URL: `http://127.0.0.1:${catalog}`,
    ACCOUNTS_URL: `http://127.0.0.1:${accounts}`,
    AUTH_JWKS_URL: `http://127.0.0.1:${accounts}/.well-known/jwks.json`,
  };
}
