import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayService } from '../src/service.ts';
import { startGateway, startKitService, type FakeService } from './edge-fixtures.ts';

const LIMIT = { RATE_LIMIT_PER_CLIENT: '5', RATE_LIMIT_WINDOW_MS: '60000' };

describe('the per-client rate limit at the gateway', () => {
  let service: FakeService | undefined;
  let gateway: GatewayService | undefined;
  afterEach(async () => {
    await gateway?.close();
    await service?.app.close();
    gateway = service = undefined;
  });

  it('when a client exceeds the limit, then 429 problem+json with Retry-After and the RateLimit headers, while another client is still served', async () => {
    service = await startKitService();
    gateway = await startGateway({ ...LIMIT, CATALOG_URL: service.url });
    const ask = (remoteAddress: string) =>
      gateway!.app.inject({ url: '/api/products/prd_1', remoteAddress });
    for (let i = 0; i < 5; i++) {
      const response = await ask('198.51.100.1');
      expect(response.statusCode).toBe(200);
      expect(response.headers['ratelimit-limit']).toBe('5');
      expect(response.headers['ratelimit-remaining']).toBe(String(4 - i));
    }
    const refused = await ask('198.51.100.1');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({ code: 'COMMON.RATE_LIMITED', status: 429 });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.headers['ratelimit-remaining']).toBe('0');
    expect(refused.headers['x-content-type-options']).toBe('nosniff');
    expect(service.seen).toHaveLength(5);
    expect((await ask('198.51.100.2')).statusCode).toBe(200);
  });

  it('when a client is over the limit, then health probes and metric scrapes still answer, and unknown paths are counted too', async () => {
    gateway = await startGateway({ ...LIMIT });
    const from = { remoteAddress: '198.51.100.3' };
    for (let i = 0; i < 5; i++) await gateway.app.inject({ url: '/nowhere', ...from });
    expect((await gateway.app.inject({ url: '/nowhere', ...from })).statusCode).toBe(429);
    expect((await gateway.app.inject({ url: '/api/products', ...from })).statusCode).toBe(429);
    expect((await gateway.app.inject({ url: '/health/live', ...from })).statusCode).toBe(200);
    expect((await gateway.app.inject({ url: '/health/ready', ...from })).statusCode).toBe(200);
    expect((await gateway.app.inject({ url: '/metrics', ...from })).statusCode).toBe(200);
  });

  it('when RATE_LIMIT_PER_CLIENT is 0, then nothing is limited and no RateLimit headers are sent', async () => {
    service = await startKitService();
    gateway = await startGateway({ RATE_LIMIT_PER_CLIENT: '0', CATALOG_URL: service.url });
    for (let i = 0; i < 30; i++) {
      const response = await gateway.app.inject({ url: '/api/products/prd_1' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['ratelimit-limit']).toBeUndefined();
    }
  });

  it('when the service runs in the gateway’s process, then the handoff counts too, and a spoofed X-Forwarded-For buys no fresh budget', async () => {
    service = await startKitService(false);
    gateway = await startGateway({ ...LIMIT }, { inProcess: new Map([['catalog', service.app]]) });
    const base = await gateway.listen();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const response = await fetch(`${base}/api/products/prd_1`, {
        headers: { 'x-forwarded-for': `203.0.113.${i}` },
      });
      statuses.push(response.status);
      if (response.status === 200) expect(response.headers.get('ratelimit-limit')).toBe('5');
      if (response.status === 429) {
        expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(((await response.json()) as { code: string }).code).toBe('COMMON.RATE_LIMITED');
      } else await response.arrayBuffer();
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(service.seen).toHaveLength(5);
  });
});
