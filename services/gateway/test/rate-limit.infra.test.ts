import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayService } from '../src/service.ts';
import { startGateway } from './edge-fixtures.ts';

/** Needs the Redis that `npm run infra:up` starts (REDIS_URL, default 127.0.0.1:16379). */
describe('the rate limit with CACHE=redis', () => {
  const env = {
    CACHE: 'redis',
    REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:16379',
    RATE_LIMIT_KEY_PREFIX: `test:edge:${randomUUID()}:`,
    RATE_LIMIT_PER_CLIENT: '5',
  };
  let first: GatewayService;
  let second: GatewayService;
  beforeAll(async () => {
    first = await startGateway(env);
    second = await startGateway(env);
  });
  afterAll(async () => {
    await first.close();
    await second.close();
  });

  it('when one client spreads its requests over two gateway replicas, then they share one budget', async () => {
    const from = { remoteAddress: '198.51.100.20' };
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const gateway = i % 2 === 0 ? first : second;
      statuses.push((await gateway.app.inject({ url: '/nowhere', ...from })).statusCode);
    }
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429]);
    const other = await second.app.inject({ url: '/nowhere', remoteAddress: '198.51.100.21' });
    expect(other.statusCode).toBe(404);
    expect(other.headers['ratelimit-remaining']).toBe('4');
  });
});
