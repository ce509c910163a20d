import { SERVICE_MANIFEST } from '@emporium/contracts';
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

/** Environment for a platform on free ports (one per manifest service); the launcher points them at each other. */
export async function platformEnv(dataDir: string): Promise<Record<string, string>> {
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    EVENT_RETRY_BASE_MS: '5',
  };
  for (const entry of SERVICE_MANIFEST) env[entry.portVariable] = String(await freePort());
  return env;
}
