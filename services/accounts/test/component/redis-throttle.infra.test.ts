import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountsService } from '../../src/index.ts';
import { cheapHasher, countingHasher, postFrom, registerUser, startAccounts } from './harness.ts';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:16379';

describe('login throttle shared through Redis (ACCOUNTS_THROTTLE=redis)', () => {
  const services: AccountsService[] = [];
  afterEach(async () => {
    await Promise.all(services.splice(0).map((service) => service.close()));
  });

  it('when 50 guesses at one account are spread over two instances, then at most 5 passwords are checked in all', async () => {
    const env = {
      ACCOUNTS_THROTTLE: 'redis',
      REDIS_URL,
      ACCOUNTS_THROTTLE_KEY_PREFIX: `test:accounts:${randomUUID()}:`,
    };
    const hashers = [countingHasher(), countingHasher()];
    for (const passwords of hashers) services.push(await startAccounts({ env, passwords }));
    // Each instance has its own in-memory database; the account exists in both.
    for (const service of services) await registerUser(service);
    for (const hasher of hashers) hasher.verifyCalls = 0;

    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        postFrom(services[i % 2]!, '198.51.100.77', '/auth/login', {
          email: 'ann@example.com',
          password: `Wrong-Guess-${i}`,
        }),
      ),
    );

    const checks = hashers[0]!.verifyCalls + hashers[1]!.verifyCalls;
    expect(checks).toBeLessThanOrEqual(5);
    const refused = responses.filter((response) => response.statusCode === 429);
    expect(refused).toHaveLength(50 - checks);
    expect(refused.every((response) => Number(response.headers['retry-after']) > 0)).toBe(true);
  });
});

describe('readiness with ACCOUNTS_THROTTLE=redis', () => {
  it('when Redis cannot be reached, then /health/ready reports the throttle failing', async () => {
    // A closed loopback port stands in for a Redis that is down.
    const service = await startAccounts({
      env: { ACCOUNTS_THROTTLE: 'redis', REDIS_URL: 'redis://127.0.0.1:1' },
      passwords: cheapHasher(),
    });
    try {
      const response = await service.app.inject({ method: 'GET', url: '/health/ready' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({
        checks: expect.arrayContaining([expect.objectContaining({ name: 'throttle' })]),
      });
    } finally {
      await service.close();
    }
  });
});
