import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '@emporium/gateway';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '../embedded-platform.ts';

const PASSWORD = 'Quiet-Harbor-Lantern-93';

/** `name=value` of a Set-Cookie answer, and whether it carries an attribute. */
function cookieOf(response: Response): { pair: string; value: string; text: string } {
  const text = response.headers.getSetCookie()[0] ?? '';
  const pair = text.split(';')[0]!;
  return { pair, value: pair.slice(pair.indexOf('=') + 1), text };
}

describe('the storefront session through the real gateway and accounts', () => {
  let embedded: EmbeddedPlatform;
  let gateway: string;
  let browser: Record<string, string>;

  beforeAll(async () => {
    embedded = await startEmbeddedPlatform('security-session');
    gateway = embedded.platform.urls['gateway']!;
    // What a page at the gateway's own origin sends with fetch().
    browser = {
      origin: gateway,
      'sec-fetch-site': 'same-origin',
      [CSRF_HEADER]: '1',
      'content-type': 'application/json',
    };
  });
  afterAll(() => embedded?.close());

  const session = (method: string, path: string, cookie?: string, body?: unknown) =>
    fetch(`${gateway}/api/session${path}`, {
      method,
      headers: { ...browser, ...(cookie ? { cookie } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const withoutBody = (method: string, path: string, cookie?: string) =>
    fetch(`${gateway}/api/session${path}`, {
      method,
      headers: {
        origin: browser.origin!,
        [CSRF_HEADER]: '1',
        ...(cookie ? { cookie } : {}),
      },
    });

  it('when a browser signs up, refreshes and signs out, then the refresh token only ever travels in the cookie and each step holds', async () => {
    const registered = await session('POST', '/register', undefined, {
      email: 'page@example.com',
      password: PASSWORD,
      name: 'Page Reader',
    });
    expect(registered.status).toBe(201);
    const first = cookieOf(registered);
    expect(first.text).toMatch(/HttpOnly/);
    expect(first.text).toMatch(/SameSite=Strict/);
    expect(first.text).toMatch(/Path=\/api\/session/);
    const body = await registered.text();
    expect(body).not.toContain(first.value);
    const { accessToken, user } = JSON.parse(body) as {
      accessToken: string;
      user: { email: string };
    };
    expect(user.email).toBe('page@example.com');
    const me = await fetch(`${embedded.api}/accounts/me`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(me.status).toBe(200);

    const refreshed = await withoutBody('POST', '/refresh', first.pair);
    expect(refreshed.status).toBe(200);
    const second = cookieOf(refreshed);
    expect(second.value).not.toBe(first.value);
    expect(await refreshed.text()).not.toContain(second.value);

    // The first cookie was spent: presenting it again revokes the session in accounts.
    const reused = await withoutBody('POST', '/refresh', first.pair);
    expect(reused.status).toBe(401);
    expect(cookieOf(reused).text).toMatch(/Max-Age=0/);
    expect((await withoutBody('POST', '/refresh', second.pair)).status).toBe(401);

    const signedIn = await session('POST', '', undefined, {
      email: 'page@example.com',
      password: PASSWORD,
    });
    expect(signedIn.status).toBe(200);
    const third = cookieOf(signedIn);
    const signedOut = await withoutBody('DELETE', '', third.pair);
    expect(signedOut.status).toBe(204);
    expect(cookieOf(signedOut).text).toMatch(/Max-Age=0/);
    expect((await withoutBody('POST', '/refresh', third.pair)).status).toBe(401);
  });

  it('when sign-ins through the session route keep failing, then the accounts throttle answers 429 with Retry-After, as at /api/auth/login', async () => {
    await session('POST', '/register', undefined, {
      email: 'guessed@example.com',
      password: PASSWORD,
      name: 'Guessed',
    });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let attempt = 0; attempt < 6; attempt++) {
      last = await session('POST', '', undefined, {
        email: 'guessed@example.com',
        password: 'nope',
      });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('when a foreign page posts to a session route, then 403 problem+json naming the cross-origin refusal', async () => {
    const response = await fetch(`${gateway}/api/session`, {
      method: 'POST',
      headers: { ...browser, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      body: JSON.stringify({ email: 'page@example.com', password: PASSWORD }),
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { code: string }).code).toBe('GATEWAY.CROSS_ORIGIN_REFUSED');
  });
});
