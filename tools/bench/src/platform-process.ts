import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnNode, type NodeChild } from './child.ts';
import { localServices, type ServiceUrls } from './local-services.ts';

/**
 * Demo products whose SKUs the first start prices and stocks through the APIs: the bench sets
 * up its own prices and stock, and all 600 (1,351 SKUs) took over a minute on a busy machine.
 */
export const SEED_PRICED_PRODUCTS = process.env['SEED_PRICED_PRODUCTS'] || '100';

export interface Platform {
  child: NodeChild;
  dataDir: string;
  urls: ServiceUrls;
}

/**
 * Boots `node apps/platform/src/main.ts` on free ports with a fresh data dir (removed by
 * `cleanup()`) and waits until it has seeded the demo catalog and is listening; `extraEnv`
 * overrides (e.g. `SEED_PRODUCTS` for the large catalog).
 */
export async function startPlatform(
  repoRoot: string,
  readyTimeoutMs: number,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<Platform> {
  const { dataDir, urls, env: base } = await localServices('emporium-bench-');
  const env: NodeJS.ProcessEnv = {
    ...base,
    AUTH_JWKS_URL: `${urls['accounts']}/.well-known/jwks.json`,
    SEED_PRICED_PRODUCTS,
    ...extraEnv,
  };

  const child = spawnNode('platform', startCommandArgs(repoRoot), repoRoot, env);
  await child.waitForLine(/^Emporium is ready in/, readyTimeoutMs);
  return { child, dataDir, urls };
}

/** Up to `count` product ids from the first page of `GET /products?limit=100`. */
export async function discoverProductIds(catalogUrl: string, count: number): Promise<string[]> {
  const response = await fetch(`${catalogUrl}/products?limit=100`);
  if (!response.ok) throw new Error(`GET /products?limit=100 answered ${response.status}`);
  const page = (await response.json()) as { items: Array<{ id: string }> };
  const ids = page.items.map((item) => item.id).slice(0, count);
  if (ids.length === 0) throw new Error('the catalog has no products');
  return ids;
}

/** The node arguments of `npm start`, so the bench measures exactly what users run. */
function startCommandArgs(repoRoot: string): string[] {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const [command, ...args] = manifest.scripts.start.trim().split(/\s+/);
  if (command !== 'node')
    throw new Error(`npm start must run node, not: ${manifest.scripts.start}`);
  return args;
}
