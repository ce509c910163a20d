import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayService } from '../src/service.ts';
import { startGateway } from './edge-fixtures.ts';
import { startFakeAccounts, type FakeAccounts } from './fake-accounts.ts';

const HOST = 'shop.test:8080';
const ORIGIN = `http://${HOST}`;
const BROWSER = {
  host: HOST,
  origin: ORIGIN,
  'x-emporium-csrf': '1',
  'sec-fetch-site': 'same-origin',
};
const PASSWORD = 'correct horse battery staple';

type Method = 'POST' | 'DELETE';
type Inject = { method: Method; url: string; headers?: Record<string, string>; payload?: unknown };

/** `name=value` of a Set-Cookie header, and its attributes (lower-cased names). */
function parseSetCookie(header: string | string[] | undefined) {
  const text = Array.isArray(header) ? header[0]! : header!;
  const [pair, ...rest] = text.split(';').map((part) => part.trim());
  const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
  const attributes = new Map(
    rest.map((part) => {
      const [key, ...values] = part.split('=');
      return [key!.toLowerCase(), values.join('=')] as const;
    }),
  );
  return { name, value, attributes, text };
}

describe('the browser session at the gateway', () => {
  let accounts: FakeAccounts;
  let gateway: GatewayService;
  let proxied: GatewayService;
  const send = (request: Inject, target = () => gateway) =>
    target().app.inject({
      method: request.method,
      url: request.url,
      headers: { ...BROWSER, ...request.headers },
      ...(request.payload === undefined ? {} : { payload: request.payload as object }),
    });
  const signIn = (email = 'ann@example.com', headers: Record<string, string> = {}) =>
    send({ method: 'POST', url: '/api/session', headers, payload: { email, password: PASSWORD } });
  const cookieOf = (response: { headers: Record<string, unknown> }) =>
    parseSetCookie(response.headers['set-cookie'] as string);
  const refresh = (cookie: string, headers: Record<string, string> = {}) =>
    send({ method: 'POST', url: '/api/session/refresh', headers: { cookie, ...headers } });

  beforeAll(async () => {
    accounts = await startFakeAccounts();
    accounts.addUser('ann@example.com', PASSWORD);
    const env = {
      GATEWAY_SERVICES: 'accounts',
      ACCOUNTS_URL: accounts.url,
      RATE_LIMIT_PER_CLIENT: '0',
    };
    gateway = await startGateway(env);
    // Behind a TLS-terminating proxy on loopback, whose X-Forwarded-Proto it believes.
    proxied = await startGateway({ ...env, GATEWAY_TRUSTED_PROXIES: 'loopback' });
  });
  afterAll(async () => {
    await gateway?.close();
    await proxied?.close();
    await accounts?.close();
  });

  describe('signing in', () => {
    it('when a browser signs in, then it gets the access token and the user in JSON and the refresh token only in an HttpOnly, SameSite=Strict cookie scoped to /api/session', async () => {
      const response = await signIn();
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(Object.keys(body).sort()).toEqual(['accessToken', 'expiresIn', 'tokenType', 'user']);
      expect(body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
      expect(body.user).toMatchObject({ email: 'ann@example.com', roles: ['customer'] });
      const cookie = cookieOf(response);
      expect(cookie.name).toBe('emporium_session');
      expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(response.body).not.toContain(cookie.value);
      expect(response.body).not.toMatch(/refresh/i);
      expect(cookie.attributes.has('httponly')).toBe(true);
      expect(cookie.attributes.get('samesite')).toBe('Strict');
      expect(cookie.attributes.get('path')).toBe('/api/session');
      expect(cookie.attributes.get('max-age')).toBe('2592000');
      expect(cookie.attributes.has('domain')).toBe(false);
      // Plain http (embedded, localhost): a Secure cookie would never be sent back.
      expect(cookie.attributes.has('secure')).toBe(false);
      expect(response.headers['cache-control']).toBe('no-store');
    });

    it('when the client came over https through a trusted proxy, then the cookie is Secure and __Secure- prefixed, and only that one is read', async () => {
      const https = { 'x-forwarded-proto': 'https', origin: `https://${HOST}` };
      const response = await send(
        {
          method: 'POST',
          url: '/api/session',
          headers: https,
          payload: { email: 'ann@example.com', password: PASSWORD },
        },
        () => proxied,
      );
      expect(response.statusCode).toBe(200);
      const cookie = cookieOf(response);
      expect(cookie.name).toBe('__Secure-emporium_session');
      expect(cookie.attributes.has('secure')).toBe(true);
      expect(cookie.attributes.get('path')).toBe('/api/session');

      const planted = await send(
        {
          method: 'POST',
          url: '/api/session/refresh',
          headers: { ...https, cookie: `emporium_session=${cookie.value}` },
        },
        () => proxied,
      );
      expect(planted.statusCode).toBe(401);
      expect(planted.json().code).toBe('GATEWAY.NO_SESSION');

      const rotated = await send(
        {
          method: 'POST',
          url: '/api/session/refresh',
          headers: { ...https, cookie: `__Secure-emporium_session=${cookie.value}` },
        },
        () => proxied,
      );
      expect(rotated.statusCode).toBe(200);
      expect(cookieOf(rotated).attributes.has('secure')).toBe(true);
    });

    it('when an untrusted client claims https, then the cookie stays as for http', async () => {
      const response = await signIn('ann@example.com', { 'x-forwarded-proto': 'https' });
      expect(response.statusCode).toBe(200);
      expect(cookieOf(response).name).toBe('emporium_session');
    });

    it('when the password is wrong, then the accounts 401 passes through and no cookie is set', async () => {
      const response = await send({
        method: 'POST',
        url: '/api/session',
        payload: { email: 'ann@example.com', password: 'wrong' },
      });
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().code).toBe('ACCOUNTS.INVALID_CREDENTIALS');
      expect(response.headers['set-cookie']).toBeUndefined();
    });

    it('when a body is malformed or has unknown keys, then 400 and accounts is not asked', async () => {
      const before = accounts.calls.length;
      const bad = await send({
        method: 'POST',
        url: '/api/session',
        payload: { email: 'a@b.c', password: 'x', role: 'admin' },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('COMMON.VALIDATION_FAILED');
      const broken = await send({
        method: 'POST',
        url: '/api/session',
        headers: { 'content-type': 'application/json' },
        payload: '{"email":',
      });
      expect(broken.statusCode).toBe(400);
      expect(broken.json().code).toBe('COMMON.MALFORMED_JSON');
      expect(accounts.calls.length).toBe(before);
    });

    it('when sign-ins fail, then accounts counts them against the real client address, and its 429 keeps Retry-After', async () => {
      accounts.addUser('bob@example.com', PASSWORD);
      const guess = () =>
        send({
          method: 'POST',
          url: '/api/session',
          // A made-up hop from an untrusted client must not become the counted address.
          headers: { 'x-forwarded-for': '203.0.113.7' },
          payload: { email: 'bob@example.com', password: 'guess' },
        });
      for (let attempt = 0; attempt < 3; attempt++) expect((await guess()).statusCode).toBe(401);
      const throttled = await guess();
      expect(throttled.statusCode).toBe(429);
      expect(throttled.json().code).toBe('ACCOUNTS.TOO_MANY_ATTEMPTS');
      expect(throttled.headers['retry-after']).toBe('60');
      const logins = accounts.calls.filter((call) => call.path === '/auth/login');
      expect(logins.at(-1)!.ip).toBe('127.0.0.1');
    });
  });

  describe('signing up', () => {
    it('when a browser registers, then the account is created and signed in with the same cookie answer', async () => {
      const response = await send({
        method: 'POST',
        url: '/api/session/register',
        payload: { email: 'Cleo@Example.com', password: PASSWORD, name: 'Cleo' },
      });
      expect(response.statusCode).toBe(201);
      expect(response.json().user).toMatchObject({ email: 'cleo@example.com', name: 'Cleo' });
      expect(response.json().refreshToken).toBeUndefined();
      expect(cookieOf(response).attributes.has('httponly')).toBe(true);
    });

    it('when the email is taken, then the 409 passes through and no cookie is set', async () => {
      const response = await send({
        method: 'POST',
        url: '/api/session/register',
        payload: { email: 'ann@example.com', password: PASSWORD, name: 'Ann' },
      });
      expect(response.statusCode).toBe(409);
      expect(response.headers['set-cookie']).toBeUndefined();
    });
  });

  describe('refreshing', () => {
    it('when the cookie is refreshed, then it rotates, the answer has a new access token and no refresh token', async () => {
      const first = cookieOf(await signIn());
      const response = await refresh(`${first.name}=${first.value}`);
      expect(response.statusCode).toBe(200);
      const second = cookieOf(response);
      expect(second.value).not.toBe(first.value);
      expect(second.attributes.get('samesite')).toBe('Strict');
      expect(Object.keys(response.json()).sort()).toEqual([
        'accessToken',
        'expiresIn',
        'tokenType',
        'user',
      ]);
      expect(response.body).not.toContain(second.value);
    });

    it('when an old (rotated) cookie is presented again, then 401, the cookie is cleared and the session is gone', async () => {
      const first = cookieOf(await signIn());
      const second = cookieOf(await refresh(`${first.name}=${first.value}`));
      const reused = await refresh(`${first.name}=${first.value}`);
      expect(reused.statusCode).toBe(401);
      expect(reused.json().code).toBe('ACCOUNTS.INVALID_REFRESH_TOKEN');
      const cleared = cookieOf(reused);
      expect(cleared.value).toBe('');
      expect(cleared.attributes.get('max-age')).toBe('0');
      expect(cleared.attributes.get('path')).toBe('/api/session');
      // Reuse revoked the family: the thief's copy and the holder's newer cookie both fail.
      expect((await refresh(`${second.name}=${second.value}`)).statusCode).toBe(401);
    });

    it('when there is no cookie (or a malformed one), then 401 GATEWAY.NO_SESSION without asking accounts', async () => {
      const before = accounts.calls.length;
      for (const cookie of ['', 'other=1', 'emporium_session=not a token;', 'emporium_session=']) {
        const response = await refresh(cookie);
        expect(response.statusCode).toBe(401);
        expect(response.json().code).toBe('GATEWAY.NO_SESSION');
      }
      expect(accounts.calls.length).toBe(before);
    });
  });

  describe('signing out', () => {
    it('when the browser signs out, then the session is revoked in accounts and the cookie cleared', async () => {
      const cookie = cookieOf(await signIn());
      const pair = `${cookie.name}=${cookie.value}`;
      const response = await send({
        method: 'DELETE',
        url: '/api/session',
        headers: { cookie: pair },
      });
      expect(response.statusCode).toBe(204);
      expect(accounts.calls.at(-1)!.path).toBe('/auth/logout');
      const cleared = cookieOf(response);
      expect(cleared).toMatchObject({ name: 'emporium_session', value: '' });
      expect(cleared.attributes.get('max-age')).toBe('0');
      expect((await refresh(pair)).statusCode).toBe(401);
    });

    it('when there is no cookie, then signing out still answers 204 and clears', async () => {
      const response = await send({ method: 'DELETE', url: '/api/session' });
      expect(response.statusCode).toBe(204);
      expect(cookieOf(response).attributes.get('max-age')).toBe('0');
    });
  });

  describe('CSRF: every session route refuses what a foreign page could send', () => {
    const routes: Inject[] = [
      {
        method: 'POST',
        url: '/api/session',
        payload: { email: 'ann@example.com', password: PASSWORD },
      },
      {
        method: 'POST',
        url: '/api/session/register',
        payload: { email: 'eve@example.com', password: PASSWORD, name: 'Eve' },
      },
      { method: 'POST', url: '/api/session/refresh' },
      { method: 'DELETE', url: '/api/session' },
    ];
    const refusals: [string, Record<string, string>, string][] = [
      ['a foreign Origin', { origin: 'https://evil.example' }, 'GATEWAY.CROSS_ORIGIN_REFUSED'],
      [
        'another port of the same host',
        { origin: 'http://shop.test:9999' },
        'GATEWAY.CROSS_ORIGIN_REFUSED',
      ],
      ['the other scheme', { origin: `https://${HOST}` }, 'GATEWAY.CROSS_ORIGIN_REFUSED'],
      ['Origin: null', { origin: 'null' }, 'GATEWAY.CROSS_ORIGIN_REFUSED'],
      [
        'neither Origin nor Sec-Fetch-Site',
        { origin: '', 'sec-fetch-site': '' },
        'GATEWAY.CROSS_ORIGIN_REFUSED',
      ],
      [
        'Sec-Fetch-Site: cross-site without Origin',
        { origin: '', 'sec-fetch-site': 'cross-site' },
        'GATEWAY.CROSS_ORIGIN_REFUSED',
      ],
      [
        'Sec-Fetch-Site: same-site',
        { 'sec-fetch-site': 'same-site' },
        'GATEWAY.CROSS_ORIGIN_REFUSED',
      ],
      ['no CSRF header', { 'x-emporium-csrf': '' }, 'GATEWAY.CSRF_HEADER_REQUIRED'],
      ['a wrong CSRF header value', { 'x-emporium-csrf': 'yes' }, 'GATEWAY.CSRF_HEADER_REQUIRED'],
    ];
    const without = (headers: Record<string, string>) =>
      Object.fromEntries(
        Object.entries({ ...BROWSER, ...headers }).filter(([, value]) => value !== ''),
      );

    for (const route of routes)
      it.each(refusals)(
        `when ${route.method} ${route.url} comes with %s, then 403 problem+json, no cookie and accounts is not asked`,
        async (_case, headers, code) => {
          const { name, value } = cookieOf(await signIn());
          const before = accounts.calls.length;
          const response = await gateway.app.inject({
            method: route.method,
            url: route.url,
            headers: { ...without(headers), cookie: `${name}=${value}` },
            ...(route.payload ? { payload: route.payload as object } : {}),
          });
          expect(response.statusCode).toBe(403);
          expect(response.headers['content-type']).toContain('application/problem+json');
          expect(response.json().code).toBe(code);
          expect(response.headers['set-cookie']).toBeUndefined();
          expect(accounts.calls.length).toBe(before);
          // The session survived the attempt.
          expect((await refresh(`${name}=${value}`)).statusCode).toBe(200);
        },
      );

    it('when the Origin is missing but the browser says same-origin, then the request is accepted', async () => {
      const response = await gateway.app.inject({
        method: 'POST',
        url: '/api/session',
        headers: { host: HOST, 'x-emporium-csrf': '1', 'sec-fetch-site': 'same-origin' },
        payload: { email: 'ann@example.com', password: PASSWORD },
      });
      expect(response.statusCode).toBe(200);
    });

    it('when an origin is listed in GATEWAY_SESSION_ORIGINS, then its pages may use the session', async () => {
      const listed = await startGateway({
        GATEWAY_SERVICES: 'accounts',
        ACCOUNTS_URL: accounts.url,
        GATEWAY_SESSION_ORIGINS: 'https://www.shop.example',
      });
      try {
        const response = await send(
          {
            method: 'POST',
            url: '/api/session',
            headers: { origin: 'https://www.shop.example', 'sec-fetch-site': 'same-site' },
            payload: { email: 'ann@example.com', password: PASSWORD },
          },
          () => listed,
        );
        expect(response.statusCode).toBe(200);
      } finally {
        await listed.close();
      }
    });

    it('when GATEWAY_SESSION_ORIGINS holds something that is not an origin, then the gateway refuses to start', async () => {
      await expect(
        startGateway({
          GATEWAY_SERVICES: 'accounts',
          ACCOUNTS_URL: accounts.url,
          GATEWAY_SESSION_ORIGINS: 'https://www.shop.example/path',
        }),
      ).rejects.toThrow(/GATEWAY_SESSION_ORIGINS/);
    });
  });

  it('when an API client signs in at /api/auth/login, then it still gets both tokens in JSON', async () => {
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: { email: 'ann@example.com', password: PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
    });
    expect(response.headers['set-cookie']).toBeUndefined();
  });
});
