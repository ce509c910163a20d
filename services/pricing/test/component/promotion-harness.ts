import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService, type TokenVerifier } from '@emporium/kit';
import { createTestAuth, ManualClock, silentLogger } from '@emporium/kit/testing';
import type { LightMyRequestResponse as Response } from 'fastify';
import { pricingService, type PricingService } from '../../src/service.ts';

type Headers = Record<string, string>;

export interface PromotionHarness {
  service: PricingService;
  clock: ManualClock;
  admin: Headers;
  shopper: Headers;
  /** A service token minted for pricing (the audience requireInternal checks). */
  orders: Headers;
  /** A service token minted for another service. */
  otherService: Headers;
  request(method: string, url: string, headers?: Headers, payload?: unknown): Promise<Response>;
  createPromotion(body: Record<string, unknown>): Promise<Response>;
  setPrice(sku: string, body: Record<string, unknown>): Promise<Response>;
  close(): Promise<void>;
}

/**
 * Pricing in-process on SQLite with a manual clock. The test verifier gives service
 * tokens their audience from the subject (`svc:<audience>`), as accounts' tokens carry it.
 */
export async function startPromotionHarness(
  env: Record<string, string> = {},
): Promise<PromotionHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pricing-promotions-'));
  const auth = await createTestAuth();
  const verifier: TokenVerifier = {
    async verify(token) {
      const principal = await auth.verifier.verify(token);
      const audience = principal.userId.startsWith('svc:') ? principal.userId.slice(4) : undefined;
      return audience ? { ...principal, audience } : principal;
    },
  };
  const clock = new ManualClock();
  const service = await startService(pricingService, {
    env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent', PRICING_PORT: '0', ...env },
    logger: silentLogger,
    verifier,
    clock,
    processMetrics: false,
  });
  const header = async (userId: string, roles: string[]) => ({
    authorization: await auth.bearer(userId, roles),
  });
  const admin = await header('usr_admin', ['admin']);
  const request = (method: string, url: string, headers: Headers = {}, payload?: unknown) =>
    service.app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  return {
    service,
    clock,
    admin,
    shopper: await header('usr_shopper', ['customer']),
    orders: await header('svc:pricing', ['service']),
    otherService: await header('svc:catalog', ['service']),
    request,
    createPromotion: (body) => request('POST', '/promotions', admin, body),
    setPrice: (sku, body) => request('PUT', `/prices/${sku}`, admin, body),
    async close() {
      await service.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
