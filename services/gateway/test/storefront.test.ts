import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '@emporium/kit/testing';
import { startService } from '@emporium/kit';
import { loadGatewayConfig } from '../src/config.ts';
import { gatewayService, type GatewayService } from '../src/service.ts';

interface Upstream {
  app: FastifyInstance;
  url: string;
}

async function startCatalog(): Promise<Upstream> {
  const app = Fastify();
  app.all('/*', async (request) => ({ echoed: request.url }));
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url };
}

async function startGateway(overrides: Record<string, string>): Promise<GatewayService> {
  const env = {
    LOG_LEVEL: 'silent',
    GATEWAY_PORT: '0',
    GATEWAY_SERVICES: 'catalog',
    ...overrides,
  };
  return startService(gatewayService, {
    env,
    logger: silentLogger,
    processMetrics: false,
  });
}

describe('storefront served by the gateway', () => {
  let catalog: Upstream;
  let gateway: GatewayService | undefined;

  beforeAll(async () => {
    catalog = await startCatalog();
  });
  afterEach(async () => {
    await gateway?.close();
    gateway = undefined;
  });
  afterAll(async () => {
    await catalog.app.close();
  });

  it('when / is requested with the default config, then the storefront page is served as HTML', async () => {
    gateway = await startGateway({ CATALOG_URL: catalog.url });
    const response = await gateway.app.inject({ url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.body).toContain('<script type="module" src="/app.js"></script>');
  });

  it('when the page is served, then it carries helmet’s document headers on top of the API set', async () => {
    gateway = await startGateway({ CATALOG_URL: catalog.url });
    const page = await gateway.app.inject({ url: '/' });
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(page.headers['x-dns-prefetch-control']).toBe('off');
    expect(page.headers['x-permitted-cross-domain-policies']).toBe('none');
    // A JSON answer needs none of the document-only headers (they only cost bytes there).
    const api = await gateway.app.inject({ url: '/health/live' });
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    expect(api.headers['x-dns-prefetch-control']).toBeUndefined();
  });

  it('when the page’s assets are requested, then they are served with their types and a short cache', async () => {
    gateway = await startGateway({ CATALOG_URL: catalog.url });
    const script = await gateway.app.inject({ url: '/app.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.headers['cache-control']).toBe('public, max-age=300');
    expect(script.headers['etag']).toBeTruthy();
    const styles = await gateway.app.inject({ url: '/styles.css' });
    expect(styles.statusCode).toBe(200);
    expect(styles.headers['content-type']).toMatch(/^text\/css/);
    const revalidated = await gateway.app.inject({
      url: '/app.js',
      headers: { 'if-none-match': String(script.headers['etag']) },
    });
    expect(revalidated.statusCode).toBe(304);
  });

  it('when the storefront is served, then /api routes are still proxied and the operational routes still answer', async () => {
    gateway = await startGateway({ CATALOG_URL: catalog.url });
    const api = await gateway.app.inject({ url: '/api/search?q=hats' });
    expect(api.statusCode).toBe(200);
    expect(api.json()).toEqual({ echoed: '/search?q=hats' });
    const unknownApi = await gateway.app.inject({ url: '/api/nothing' });
    expect(unknownApi.statusCode).toBe(404);
    expect(unknownApi.json().code).toBe('COMMON.ROUTE_NOT_FOUND');
    expect((await gateway.app.inject({ url: '/health/live' })).statusCode).toBe(200);
    expect((await gateway.app.inject({ url: '/metrics' })).body).toContain('gateway');
    expect((await gateway.app.inject({ url: '/openapi.json' })).json()).toHaveProperty('openapi');
    const docs = await gateway.app.inject({ url: '/docs' });
    expect(docs.statusCode).toBeLessThan(400);
  });

  it('when the page, an asset, a proxied answer and an error are served, then each carries the security headers and the page keeps its own policy', async () => {
    gateway = await startGateway({ CATALOG_URL: catalog.url });
    const page = await gateway.app.inject({ url: '/' });
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("style-src 'self'");
    // The policy allows no inline code, so the page must have none.
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/);
    expect(page.body).not.toMatch(/<style|\sstyle="|\son[a-z]+="/);
    for (const [, src] of page.body.matchAll(/(?:src|href)="(\/[^"]+)"/g))
      expect((await gateway.app.inject({ url: src! })).statusCode).toBe(200);
    for (const url of ['/', '/app.js', '/api/products/prd_1', '/api/nothing', '/nothing.js']) {
      const response = await gateway.app.inject({ url });
      expect({ url, nosniff: response.headers['x-content-type-options'] }).toEqual({
        url,
        nosniff: 'nosniff',
      });
      expect(response.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('when a path is neither an asset nor a route, then 404 problem+json, and no file outside the root is served', async () => {
    gateway = await startGateway({ CATALOG_URL: catalog.url });
    const missing = await gateway.app.inject({ url: '/nothing-here.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    const escape = await gateway.app.inject({ url: '/../../package.json' });
    expect(escape.statusCode).toBe(404);
    expect(escape.body).not.toContain('"workspaces"');
  });

  it('when STOREFRONT_DIR points at another directory, then that directory is served', async () => {
    const root = mkdtempSync(join(tmpdir(), 'storefront-'));
    try {
      writeFileSync(join(root, 'index.html'), '<!doctype html><title>Custom</title>');
      writeFileSync(join(root, 'extra.js'), 'export {};');
      gateway = await startGateway({ CATALOG_URL: catalog.url, STOREFRONT_DIR: root });
      expect((await gateway.app.inject({ url: '/' })).body).toContain('<title>Custom</title>');
      expect((await gateway.app.inject({ url: '/extra.js' })).statusCode).toBe(200);
      expect((await gateway.app.inject({ url: '/app.js' })).statusCode).toBe(404);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('when STOREFRONT_DIR is off, then no storefront is served and /api still works', async () => {
    expect(loadGatewayConfig({ STOREFRONT_DIR: 'off' }).STOREFRONT_DIR).toBe('off');
    gateway = await startGateway({ CATALOG_URL: catalog.url, STOREFRONT_DIR: 'off' });
    const page = await gateway.app.inject({ url: '/' });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await gateway.app.inject({ url: '/app.js' })).statusCode).toBe(404);
    expect((await gateway.app.inject({ url: '/api/products/prd_1' })).json()).toEqual({
      echoed: '/products/prd_1',
    });
  });

  it('when the gateway runs embedded, then its port serves the page and hands /api to the in-process service', async () => {
    const catalogApp = Fastify();
    catalogApp.get('/products/:id', async (request) => ({
      id: (request.params as { id: string }).id,
    }));
    await catalogApp.ready();
    const env = {
      LOG_LEVEL: 'silent',
      GATEWAY_PORT: '0',
      GATEWAY_SERVICES: 'catalog',
    };
    gateway = await startService(gatewayService, {
      env,
      logger: silentLogger,
      processMetrics: false,
      peers: new Map([['catalog', catalogApp]]),
    });
    try {
      const base = await gateway.listen();
      const page = await fetch(`${base}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await page.text()).toContain('id="search-input"');
      const product = await fetch(`${base}/api/products/prd_7`);
      expect(await product.json()).toEqual({ id: 'prd_7' });
    } finally {
      await catalogApp.close();
    }
  });
});
