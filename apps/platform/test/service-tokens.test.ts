import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type RunningPlatform } from '../src/platform.ts';
import { platformEnv } from './free-port.ts';

const json = { 'content-type': 'application/json' };

describe('service tokens on the embedded platform', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'service-tokens-'));
  let platform: RunningPlatform;
  let api: string;
  let direct: string;

  beforeAll(async () => {
    const env = await platformEnv(dataDir);
    platform = await startPlatform({ env });
    api = `http://127.0.0.1:${env.GATEWAY_PORT}/api`;
    direct = platform.urls['inventory']!;
  });
  afterAll(async () => {
    await platform.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const tokenFor = async (audience: string) => {
    const issued = await fetch(`${api}/auth/service-token`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        clientId: 'catalog',
        clientSecret: 'embedded-catalog-secret',
        audience,
      }),
    });
    expect(issued.status).toBe(200);
    return `Bearer ${((await issued.json()) as { accessToken: string }).accessToken}`;
  };
  const reserve = (base: string, authorization: string, orderId: string) =>
    fetch(`${base}/reservations`, {
      method: 'POST',
      headers: { ...json, authorization },
      body: JSON.stringify({ orderId, items: [{ sku: 'TOKEN-SKU-1', quantity: 1 }] }),
    });

  it('when a service holds a token for the inventory, then the internal route takes it through the gateway and directly', async () => {
    const token = await tokenFor('inventory');
    const viaGateway = await reserve(api, token, 'ord_token_1');
    // No stock was counted: the inventory itself answers (409), past both token checks.
    expect(viaGateway.status).toBe(409);
    expect(((await viaGateway.json()) as { code: string }).code).toBe(
      'INVENTORY.INSUFFICIENT_STOCK',
    );
    expect((await reserve(direct, token, 'ord_token_2')).status).toBe(409);
  });

  it('when the token was minted for another service, then neither the gateway nor the inventory takes it', async () => {
    const token = await tokenFor('pricing');
    expect((await reserve(api, token, 'ord_token_3')).status).toBe(401);
    expect((await reserve(direct, token, 'ord_token_4')).status).toBe(401);
  });
});
