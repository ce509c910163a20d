import { readFile } from 'node:fs/promises';
import { eventually } from '@emporium/kit/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { ScryptPasswordHasher } from '../../src/adapters/crypto/scrypt-password-hasher.ts';
import type { PasswordHasher } from '../../src/app/ports/password-hasher.ts';
import type { AccountsService } from '../../src/index.ts';
import {
  STRONG_PASSWORD,
  cheapHasher,
  expectProblem,
  postFrom,
  registerUser,
  startAccounts,
} from './harness.ts';

/** A hasher whose checks wait for `open()`, recording how many run at once. */
function gatedHasher() {
  const inner = cheapHasher();
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const state = { running: 0, peak: 0, started: 0, gated: false };
  const hasher: PasswordHasher = {
    decoyHash: inner.decoyHash,
    hash: (password) => inner.hash(password),
    async verify(password, storedHash) {
      state.started += 1;
      state.running += 1;
      state.peak = Math.max(state.peak, state.running);
      try {
        if (state.gated) await gate;
        return await inner.verify(password, storedHash);
      } finally {
        state.running -= 1;
      }
    },
  };
  return { hasher, state, open: release };
}

/** Each login from its own address, so the throttle lets every one reach the hasher. */
const loginFrom = (service: AccountsService, i: number) =>
  postFrom(service, `10.0.${Math.floor(i / 250)}.${(i % 250) + 1}`, '/auth/login', {
    email: 'ann@example.com',
    password: STRONG_PASSWORD,
  });

describe('bounded password hashing', () => {
  let service: AccountsService;
  afterEach(async () => {
    await service.close();
  });

  it('when 20 logins arrive at once, then at most ACCOUNTS_HASH_CONCURRENCY passwords are checked at a time and all succeed', async () => {
    const { hasher, state, open } = gatedHasher();
    service = await startAccounts({ passwords: hasher, env: { ACCOUNTS_HASH_CONCURRENCY: '2' } });
    await registerUser(service);
    Object.assign(state, { started: 0, peak: 0, gated: true });

    const logins = Array.from({ length: 20 }, (_, i) => loginFrom(service, i));
    await eventually(() => state.running === 2);
    // Give the other 18 every chance to start if nothing held them back.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(state.started).toBe(2);
    open();

    const responses = await Promise.all(logins);
    expect(responses.map((response) => response.statusCode)).toEqual(Array(20).fill(200));
    expect(state.peak).toBe(2);
  });

  it('when the hashing queue is full, then further logins get 429 BUSY with Retry-After at once and do not count as failures', async () => {
    const { hasher, state, open } = gatedHasher();
    service = await startAccounts({
      passwords: hasher,
      env: { ACCOUNTS_HASH_CONCURRENCY: '1', ACCOUNTS_HASH_QUEUE: '1' },
    });
    await registerUser(service);
    Object.assign(state, { started: 0, peak: 0, gated: true });

    const admitted = [loginFrom(service, 0), loginFrom(service, 1)];
    await eventually(() => state.running === 1);
    const busy = await postFrom(service, '10.9.9.9', '/auth/login', {
      email: 'ann@example.com',
      password: 'Wrong-Guess-1',
    });
    expectProblem(busy, 429, 'ACCOUNTS.BUSY');
    expect(busy.headers['retry-after']).toBe('1');
    open();
    expect((await Promise.all(admitted)).map((response) => response.statusCode)).toEqual([
      200, 200,
    ]);
    // The refused attempt took no throttle slot: five real failures are still allowed.
    for (let i = 0; i < 5; i += 1) {
      const response = await postFrom(service, '10.9.9.9', '/auth/login', {
        email: 'ann@example.com',
        password: 'Wrong-Guess-1',
      });
      expect(response.statusCode).toBe(401);
    }
  });

  it('when 40 logins flood the hasher, then thread-pool work and health checks of other requests finish before most of the logins', async () => {
    // Logins, file reads (media in embedded mode), zlib and DNS share libuv's four threads;
    // each hash costs enough (N=4096) for the flood to outlast the probes.
    const hasher = new ScryptPasswordHasher({ N: 4096, r: 8, p: 1, keyLength: 32, saltLength: 16 });
    service = await startAccounts({ passwords: hasher });
    await registerUser(service);
    let loginsDone = 0;
    const flood = Array.from({ length: 40 }, (_, i) =>
      loginFrom(service, i).then((response) => {
        loginsDone += 1;
        return response;
      }),
    );
    // Once one login is done, every other one has been handed to the hasher.
    await eventually(() => loginsDone > 0, 20_000);

    const [health] = await Promise.all([
      service.app.inject({ method: 'GET', url: '/health/live' }),
      readFile(import.meta.filename),
    ]);
    const doneWhenProbesFinished = loginsDone;

    expect(health.statusCode).toBe(200);
    expect(doneWhenProbesFinished).toBeLessThan(20);
    const responses = await Promise.all(flood);
    expect(responses.every((response) => response.statusCode === 200)).toBe(true);
  });
});
