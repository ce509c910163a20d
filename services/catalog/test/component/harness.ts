import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService } from '@emporium/kit';
import { createTestAuth, silentLogger } from '@emporium/kit/testing';
import { catalogService, type CatalogService } from '../../src/service.ts';

export interface CatalogHarness {
  service: CatalogService;
  admin: Record<string, string>;
  shopper: Record<string, string>;
  dataDir: string;
  close(): Promise<void>;
}

export async function startCatalog(env: Record<string, string> = {}): Promise<CatalogHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'catalog-'));
  const auth = await createTestAuth();
  const service = await startService(catalogService, {
    env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent', CATALOG_PORT: '0', ...env },
    logger: silentLogger,
    verifier: auth.verifier,
    processMetrics: false,
  });
  return {
    service,
    dataDir,
    admin: { authorization: await auth.bearer('usr_admin', ['admin']) },
    shopper: { authorization: await auth.bearer('usr_shopper', ['customer']) },
    async close() {
      await service.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function sampleProduct(overrides: Record<string, unknown> = {}) {
  const suffix = Math.random().toString(36).slice(2, 8).toUpperCase();
  return {
    name: 'Aurora Wireless Headphones',
    description: 'Over-ear headphones with active noise cancelling and 30 hours of battery.',
    brand: 'Aurora',
    attributes: { color: 'black', batteryHours: 30, wireless: true },
    variants: [
      { sku: `AUR-HP-${suffix}-BLK`, options: { color: 'black' } },
      { sku: `AUR-HP-${suffix}-WHT`, options: { color: 'white' } },
    ],
    ...overrides,
  };
}
