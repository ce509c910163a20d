import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ServiceClient } from '../../src/resilience/service-client.ts';
import {
  ServiceTokenSource,
  accountsTokenEndpoint,
  type IssuedServiceToken,
} from '../../src/auth/service-credentials.ts';
import { instantClock, silentLogger } from '../../src/testing/index.ts';

/** A token endpoint that counts its calls and answers on the next tick, so concurrent callers overlap. */
function countingEndpoint(expiresIn = 300) {
  const calls: string[] = [];
  return {
    calls,
    endpoint: async (audience: string): Promise<IssuedServiceToken> => {
      calls.push(audience);
      await new Promise((resolve) => setImmediate(resolve));
      return { accessToken: `${audience}-token-${calls.length}`, expiresIn };
    },
  };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('ServiceTokenSource', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  it('when a token is asked twice before it nears expiry, then it is fetched once', async () => {
    const clock = instantClock();
    const { calls, endpoint } = countingEndpoint(300);
    const source = new ServiceTokenSource({ endpoint, clock });
    const first = await source.token('catalog');
    clock.advance(269_000);
    expect(await source.token('catalog')).toBe(first);
    expect(calls).toEqual(['catalog']);
  });

  it('when a token is within the refresh margin of its expiry, then a new one is fetched', async () => {
    const clock = instantClock();
    const { calls, endpoint } = countingEndpoint(300);
    const source = new ServiceTokenSource({ endpoint, clock, refreshBeforeExpirySeconds: 30 });
    const first = await source.token('catalog');
    clock.advance(270_000);
    const second = await source.token('catalog');
    expect(second).not.toBe(first);
    expect(calls).toHaveLength(2);
  });

  it('when ten callers ask at once, then one fetch serves them all', async () => {
    const { calls, endpoint } = countingEndpoint();
    const source = new ServiceTokenSource({ endpoint, clock: instantClock() });
    const tokens = await Promise.all(Array.from({ length: 10 }, () => source.token('pricing')));
    expect(new Set(tokens).size).toBe(1);
    expect(calls).toEqual(['pricing']);
  });

  it('when two audiences are asked, then each gets its own token', async () => {
    const { calls, endpoint } = countingEndpoint();
    const source = new ServiceTokenSource({ endpoint, clock: instantClock() });
    const [catalog, pricing] = await Promise.all([
      source.token('catalog'),
      source.token('pricing'),
    ]);
    expect(catalog).not.toBe(pricing);
    expect(calls.sort()).toEqual(['catalog', 'pricing']);
  });

  it('when accounts is down, then the caller gets UPSTREAM_UNAVAILABLE and the next call tries again', async () => {
    const probe = createServer();
    const url = await listen(probe);
    await new Promise((resolve) => probe.close(resolve));
    const accounts = new ServiceClient({
      name: 'accounts',
      baseUrl: url,
      logger: silentLogger,
      retries: 0,
    });
    closers.push(() => accounts.close());
    const endpoint = accountsTokenEndpoint(accounts, { clientId: 'cart', clientSecret: 's' });
    let attempts = 0;
    const source = new ServiceTokenSource({
      endpoint: (audience) => {
        attempts++;
        return endpoint(audience);
      },
      clock: instantClock(),
    });
    await expect(source.token('catalog')).rejects.toMatchObject({
      code: 'COMMON.UPSTREAM_UNAVAILABLE',
    });
    await expect(source.token('catalog')).rejects.toMatchObject({
      code: 'COMMON.UPSTREAM_UNAVAILABLE',
    });
    expect(attempts).toBe(2);
  });

  it('when accounts refuses the credentials, then the error says so and nothing is cached', async () => {
    const server = createServer((_request, response) => {
      response.writeHead(401, { 'content-type': 'application/problem+json' });
      response.end(JSON.stringify({ status: 401, detail: 'The client id or secret is wrong' }));
    });
    const url = await listen(server);
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    const accounts = new ServiceClient({ name: 'accounts', baseUrl: url, logger: silentLogger });
    closers.push(() => accounts.close());
    const source = new ServiceTokenSource({
      endpoint: accountsTokenEndpoint(accounts, { clientId: 'cart', clientSecret: 'wrong' }),
      clock: instantClock(),
    });
    await expect(source.token('catalog')).rejects.toThrow(/401: The client id or secret is wrong/);
  });

  it('when a ServiceClient has the source as its authorization provider, then each request carries the token', async () => {
    const seen: (string | undefined)[] = [];
    const server = createServer((request, response) => {
      seen.push(request.headers.authorization);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
    const url = await listen(server);
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    const { calls, endpoint } = countingEndpoint();
    const source = new ServiceTokenSource({ endpoint, clock: instantClock() });
    const catalog = new ServiceClient({
      name: 'catalog',
      baseUrl: url,
      logger: silentLogger,
      authorization: source.authorizationFor('catalog'),
    });
    closers.push(() => catalog.close());
    await catalog.request({ method: 'GET', path: '/products' });
    await catalog.request({ method: 'GET', path: '/products' });
    expect(seen).toEqual(['Bearer catalog-token-1', 'Bearer catalog-token-1']);
    expect(calls).toHaveLength(1);
  });

  it('when no token can be obtained, then the call fails with that error and the upstream’s breaker stays closed', async () => {
    const catalog = new ServiceClient({
      name: 'catalog',
      baseUrl: 'http://127.0.0.1:9',
      logger: silentLogger,
      breaker: { consecutiveFailures: 1, halfOpenAfterMs: 60_000 },
      authorization: () =>
        Promise.reject(
          Object.assign(new Error('accounts is unavailable'), {
            code: 'COMMON.UPSTREAM_UNAVAILABLE',
          }),
        ),
    });
    closers.push(() => catalog.close());
    await expect(catalog.request({ method: 'GET', path: '/products' })).rejects.toThrow(
      /accounts is unavailable/,
    );
    expect(catalog.breakerState()).toBe('closed');
  });
});
