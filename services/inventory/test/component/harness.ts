import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService, type Clock, type TokenVerifier } from '@emporium/kit';
import { createTestAuth, silentLogger } from '@emporium/kit/testing';
import { expect } from 'vitest';
import { inventoryService, type InventoryService } from '../../src/service.ts';

export interface InventoryHarness {
  service: InventoryService;
  admin: Record<string, string>;
  shopper: Record<string, string>;
  /** A service token issued for the inventory (what orders would hold). */
  orders: Record<string, string>;
  /** A service token issued for another service. */
  foreignService: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Service tokens carry their audience; the test verifier stamps it as the host's
 * service-aware verifier does: `aud` of inventory for `svc_orders`, another for the rest.
 */
function withAudience(verifier: TokenVerifier): TokenVerifier {
  return {
    async verify(token) {
      const principal = await verifier.verify(token);
      if (!principal.roles.includes('service')) return principal;
      const audience = principal.userId === 'svc_orders' ? 'inventory' : 'pricing';
      return { ...principal, audience };
    },
  };
}

export async function startInventory(
  options: { env?: Record<string, string>; clock?: Clock } = {},
): Promise<InventoryHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'inventory-'));
  const auth = await createTestAuth();
  const service = await startService(inventoryService, {
    env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent', INVENTORY_PORT: '0', ...options.env },
    logger: silentLogger,
    verifier: withAudience(auth.verifier),
    processMetrics: false,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return {
    service,
    admin: { authorization: await auth.bearer('usr_admin', ['admin']) },
    shopper: { authorization: await auth.bearer('usr_shopper', ['customer']) },
    orders: { authorization: await auth.bearer('svc_orders', ['service']) },
    foreignService: { authorization: await auth.bearer('svc_pricing', ['service']) },
    async close() {
      await service.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function expectProblem(
  response: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
  status: number,
  code: string,
): Record<string, unknown> {
  expect(response.statusCode).toBe(status);
  expect(String(response.headers['content-type'])).toContain('application/problem+json');
  const body = response.json() as Record<string, unknown>;
  expect(body['code']).toBe(code);
  return body;
}
