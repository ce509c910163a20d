import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountsService } from '../../src/index.ts';
import {
  STRONG_PASSWORD,
  cheapHasher,
  getMe,
  loginAs,
  post,
  registerUser,
  startAccounts,
} from './harness.ts';

function expectNoStore(response: { headers: Record<string, unknown> }) {
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.headers['pragma']).toBe('no-cache');
}

describe('no-store on token and account answers', () => {
  let service: AccountsService;
  beforeAll(async () => {
    service = await startAccounts({ passwords: cheapHasher() });
  });
  afterAll(async () => {
    await service.close();
  });

  it('when a user registers, logs in, refreshes, reads their profile and logs out, then no answer may be stored', async () => {
    const registered = await post(service, '/auth/register', {
      email: 'cache@example.com',
      password: STRONG_PASSWORD,
      name: 'Cache Test',
    });
    expect(registered.statusCode).toBe(201);
    expectNoStore(registered);

    const loggedIn = await post(service, '/auth/login', {
      email: 'cache@example.com',
      password: STRONG_PASSWORD,
    });
    expect(loggedIn.statusCode).toBe(200);
    expectNoStore(loggedIn);
    const { accessToken, refreshToken } = loggedIn.json<{
      accessToken: string;
      refreshToken: string;
    }>();

    const me = await getMe(service, accessToken);
    expect(me.statusCode).toBe(200);
    expectNoStore(me);

    const refreshed = await post(service, '/auth/refresh', { refreshToken });
    expect(refreshed.statusCode).toBe(200);
    expectNoStore(refreshed);

    const loggedOut = await post(service, '/auth/logout', {
      refreshToken: refreshed.json<{ refreshToken: string }>().refreshToken,
    });
    expect(loggedOut.statusCode).toBe(204);
    expectNoStore(loggedOut);
  });

  it('when a token or account route answers an error, then that answer may not be stored either', async () => {
    await registerUser(service, 'errors@example.com');
    expectNoStore(
      await post(service, '/auth/login', { email: 'errors@example.com', password: 'Nope-Nope-1' }),
    );
    expectNoStore(await getMe(service));
    expectNoStore(await post(service, '/auth/refresh', { refreshToken: 'unknown' }));
  });

  it('when a route is added under /auth or /accounts (service tokens, addresses), then it is covered too', async () => {
    expectNoStore(await post(service, '/auth/service-token', {}));
    expectNoStore(await service.app.inject({ method: 'GET', url: '/accounts/me/addresses' }));
  });

  it('when the public keys are fetched, then they stay cacheable', async () => {
    await loginAs(service, 'errors@example.com', STRONG_PASSWORD);
    const jwks = await service.app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
    expect(jwks.headers['cache-control']).toBe('public, max-age=300');
  });
});
