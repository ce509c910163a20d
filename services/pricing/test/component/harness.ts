import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService, type Clock } from '@emporium/kit';
import type { LightMyRequestResponse as Response } from 'fastify';
import { createTestAuth, silentLogger } from '@emporium/kit/testing';
import { pricingService, type PricingService } from '../../src/service.ts';

export interface PricingHarness {
  service: PricingService;
  admin: Record<string, string>;
  shopper: Record<string, string>;
  dataDir: string;
  /** PUT /prices/{sku} as the admin. */
  put(sku: string, body: Record<string, unknown>): Promise<Response>;
  get(url: string): Promise<Response>;
  close(): Promise<void>;
}

/** Pricing in-process on SQLite in a temporary folder; `dataDir` reuses one (restarts). */
export async function startPricing(
  options: { clock?: Clock; env?: Record<string, string>; dataDir?: string } = {},
): Promise<PricingHarness> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'pricing-'));
  const auth = await createTestAuth();
  const service = await startService(pricingService, {
    env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent', PRICING_PORT: '0', ...options.env },
    logger: silentLogger,
    verifier: auth.verifier,
    processMetrics: false,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const admin = { authorization: await auth.bearer('usr_admin', ['admin']) };
  return {
    service,
    dataDir,
    admin,
    shopper: { authorization: await auth.bearer('usr_shopper', ['customer']) },
    put: (sku, body) =>
      service.app.inject({ method: 'PUT', url: `/prices/${sku}`, headers: admin, payload: body }),
    get: (url) => service.app.inject({ url }),
    async close() {
      await service.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
