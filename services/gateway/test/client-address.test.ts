import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayService } from '../src/service.ts';
import { startGateway, startKitService, type FakeService } from './edge-fixtures.ts';

const SPOOFED = { 'x-forwarded-for': '203.0.113.9', 'x-forwarded-proto': 'https' };

describe('the client address behind the gateway', () => {
  let service: FakeService | undefined;
  let gateway: GatewayService | undefined;
  afterEach(async () => {
    await gateway?.close();
    await service?.app.close();
    gateway = service = undefined;
  });

  it('when a client sends its own X-Forwarded-For through the gateway, then the service still sees the client’s real address', async () => {
    service = await startKitService();
    gateway = await startGateway({ CATALOG_URL: service.url });
    const base = await gateway.listen();
    const response = await fetch(`${base}/api/products/whoami`, { headers: SPOOFED });
    expect(await response.json()).toMatchObject({ ip: '127.0.0.1', protocol: 'http' });
    expect(service.seen.at(-1)!.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(service.seen.at(-1)!.headers['x-forwarded-proto']).toBe('http');
  });

  it('when the gateway trusts the proxy in front of it, then the client that proxy reports reaches the service', async () => {
    service = await startKitService();
    gateway = await startGateway({
      CATALOG_URL: service.url,
      GATEWAY_TRUSTED_PROXIES: '127.0.0.1',
    });
    const response = await gateway.app.inject({
      url: '/api/products/whoami',
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': '6.6.6.6, 198.51.100.7', 'x-forwarded-proto': 'https' },
    });
    expect(response.json()).toMatchObject({ ip: '198.51.100.7', protocol: 'https' });
    expect(service.seen.at(-1)!.headers['x-forwarded-for']).toBe('198.51.100.7, 127.0.0.1');
  });

  it('when a client claims other proxy headers, then the service does not receive them', async () => {
    service = await startKitService();
    gateway = await startGateway({ CATALOG_URL: service.url });
    await gateway.app.inject({
      url: '/api/products/x',
      headers: {
        'x-real-ip': '203.0.113.9',
        forwarded: 'for=203.0.113.9',
        'x-forwarded-host': 'evil',
      },
    });
    const headers = service.seen.at(-1)!.headers;
    expect(headers['x-real-ip']).toBeUndefined();
    expect(headers['forwarded']).toBeUndefined();
    expect(headers['x-forwarded-host']).toBeUndefined();
  });

  it('when the service runs in the gateway’s process, then a spoofed X-Forwarded-For does not become its request.ip either', async () => {
    service = await startKitService(false);
    gateway = await startGateway({}, { inProcess: new Map([['catalog', service.app]]) });
    const base = await gateway.listen();
    const response = await fetch(`${base}/api/products/whoami`, { headers: SPOOFED });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ip: '127.0.0.1', protocol: 'http' });
    expect(service.seen.at(-1)!.headers['x-forwarded-for']).toBe('127.0.0.1');
  });
});
