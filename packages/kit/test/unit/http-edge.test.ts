import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CommonErrors,
  createHttpServer,
  pageOnlySecurityHeaders,
  createLogger,
  forwardedChain,
  trustedProxies,
  type CreatedServer,
} from '../../src/index.ts';
import { silentLogger } from '../../src/testing/index.ts';

/** Writes raw bytes to a listening server and returns everything it answers. */
function rawRequest(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => socket.write(request));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

function problemBodyOf(answer: string): { status: number; code: string } {
  return JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
}

describe('the kit HTTP server at the edge', () => {
  let server: CreatedServer;
  let url: string;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()));
        done();
      },
    });
    const logger = createLogger({ level: 'info', service: 'shop' }, sink);
    server = await createHttpServer({ name: 'shop', logger });
    server.app.get('/things', async () => ({ items: [] }));
    server.app.route({
      method: ['GET', 'POST', 'DELETE'],
      url: '/broken',
      handler: async () => {
        throw new Error('boom');
      },
    });
    server.app.get('/private', async () => {
      throw CommonErrors.UNAUTHENTICATED.create('This route needs an access token');
    });
    server.app.get('/whoami', async (request) => ({ ip: request.ip }));
    await server.app.ready();
    url = await server.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await server.app.close();
  });

  it.each([
    ['a route', '/things', 200],
    ['an unknown path', '/nowhere', 404],
    ['a failing route', '/broken', 500],
    ['a malformed URL', '/things/%E0%A4%A', 400],
  ])('when %s answers, then it carries the security headers', async (_what, path, status) => {
    const response = await fetch(`${url}${path}`);
    expect(response.status).toBe(status);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it('when a route answers, then helmet’s API headers are there and x-powered-by is not', async () => {
    const response = await server.app.inject({ url: '/things' });
    expect(response.headers['strict-transport-security']).toMatch(/max-age=/);
    expect(response.headers['content-security-policy']).toBe(
      "default-src 'none';frame-ancestors 'none'",
    );
    // Public data and images stay loadable across origins: no same-origin CORP.
    expect(response.headers['cross-origin-resource-policy']).toBeUndefined();
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('when the document-only headers are asked for, then they are helmet’s remaining set', async () => {
    const page = await pageOnlySecurityHeaders();
    expect(page['referrer-policy']).toBe('no-referrer');
    expect(page['x-dns-prefetch-control']).toBe('off');
    expect(page['cross-origin-resource-policy']).toBe('cross-origin');
    expect(page['x-content-type-options']).toBeUndefined();
  });

  it('when the docs page is loaded, then its own policy allows every script and style it uses', async () => {
    const page = await fetch(`${url}/docs/static/index.html`);
    expect(page.status).toBe(200);
    const policy = page.headers.get('content-security-policy') ?? '';
    const html = await page.text();
    expect(policy).toMatch(/script-src 'self'/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/); // no inline script to allow
    for (const [, src] of html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)) {
      expect(src).not.toMatch(/^https?:/); // same origin, allowed by 'self'
      expect((await fetch(new URL(src!, page.url))).status).toBe(200);
    }
    const styles = /style-src ([^;]*)/.exec(policy)?.[1] ?? '';
    if (/<style|style="/.test(html)) expect(styles).toMatch(/'unsafe-inline'|'sha256-/);
    expect(policy).not.toContain("default-src 'none'");
  });

  it('when request headers are larger than Node accepts, then 431 problem+json with a code', async () => {
    const answer = await rawRequest(
      url,
      `GET /things HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer).toMatch(/content-type: application\/problem\+json/i);
    expect(answer).toMatch(/x-content-type-options: nosniff/i);
    expect(problemBodyOf(answer)).toMatchObject({ status: 431, code: 'COMMON.HEADERS_TOO_LARGE' });
  });

  it('when the request is not valid HTTP, then 400 problem+json with a code', async () => {
    const answer = await rawRequest(url, 'GET /things HTTP/1.1\r\nHost x\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(problemBodyOf(answer)).toMatchObject({ status: 400, code: 'COMMON.MALFORMED_REQUEST' });
  });

  it('when a request to a multi-method route is logged, then the line has the request’s own method', async () => {
    lines.length = 0;
    await server.app.inject({ method: 'POST', url: '/broken' });
    const logged = lines.filter(
      (line) => line['msg'] === 'request' || line['msg'] === 'unhandled error',
    );
    expect(logged.length).toBe(2);
    for (const line of logged) expect(line['method']).toBe('POST');
    const metrics = (await server.app.inject({ url: '/metrics' })).body;
    expect(metrics).toContain('method="POST",route="/broken",status="500"');
  });

  it('when a 401 is answered, then it challenges for a bearer token', async () => {
    const anonymous = await server.app.inject({ url: '/private' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['www-authenticate']).toBe('Bearer realm="emporium"');
    const withToken = await server.app.inject({
      url: '/private',
      headers: { authorization: 'Bearer x' },
    });
    expect(withToken.headers['www-authenticate']).toContain('error="invalid_token"');
  });

  it('when the gateway on loopback forwards a client address, then request.ip is that client', async () => {
    const response = await server.app.inject({
      url: '/whoami',
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': '198.51.100.7' },
    });
    expect(response.json()).toEqual({ ip: '198.51.100.7' });
  });

  it('when an untrusted peer sends X-Forwarded-For, then request.ip stays the peer', async () => {
    const response = await server.app.inject({
      url: '/whoami',
      remoteAddress: '203.0.113.50',
      headers: { 'x-forwarded-for': '198.51.100.7' },
    });
    expect(response.json()).toEqual({ ip: '203.0.113.50' });
  });
});

describe('a service configured to trust no proxy', () => {
  it('when a loopback peer sends X-Forwarded-For, then request.ip stays the peer', async () => {
    const { app } = await createHttpServer({
      name: 'shop',
      logger: silentLogger,
      trustedProxies: '',
    });
    app.get('/whoami', async (request) => ({ ip: request.ip }));
    const response = await app.inject({
      url: '/whoami',
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': '198.51.100.7' },
    });
    expect(response.json()).toEqual({ ip: '127.0.0.1' });
    await app.close();
  });
});

describe('trusted proxies', () => {
  it('when names, addresses and ranges are listed, then exactly those peers are trusted', () => {
    const trust = trustedProxies('loopback, 10.0.0.0/8, 2001:db8::1');
    expect(trust('127.0.0.1')).toBe(true);
    expect(trust('::ffff:127.0.0.1')).toBe(true);
    expect(trust('::1')).toBe(true);
    expect(trust('10.1.2.3')).toBe(true);
    expect(trust('2001:db8::1')).toBe(true);
    expect(trust('11.0.0.1')).toBe(false);
    expect(trust('not an address')).toBe(false);
    expect(trustedProxies('')('127.0.0.1')).toBe(false);
  });

  it('when an entry is not an address, a range or a known name, then it is refused', () => {
    expect(() => trustedProxies('loopbak')).toThrow(/loopbak/);
    expect(() => trustedProxies('10.0.0.0/33')).toThrow(/10\.0\.0\.0\/33/);
  });

  it('when a chain is read, then hops are believed only while the hop nearer us is trusted', () => {
    const trust = trustedProxies('10.0.0.0/8');
    expect(forwardedChain('10.0.0.2', '6.6.6.6, 198.51.100.7', trust)).toEqual([
      '198.51.100.7',
      '10.0.0.2',
    ]);
    expect(forwardedChain('10.0.0.2', '6.6.6.6, 10.0.0.9', trust)).toEqual([
      '6.6.6.6',
      '10.0.0.9',
      '10.0.0.2',
    ]);
    expect(forwardedChain('198.51.100.7', '6.6.6.6', trust)).toEqual(['198.51.100.7']);
    expect(forwardedChain('10.0.0.2', 'garbage', trust)).toEqual(['10.0.0.2']);
  });
});
