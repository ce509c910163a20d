import { Writable } from 'node:stream';
import { createLogger } from '@emporium/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountsService } from '../../src/index.ts';
import { STRONG_PASSWORD, cheapHasher, postFrom, startAccounts } from './harness.ts';

/** The service's real logger at `info`, writing its JSON lines into `lines`. */
function capturingLogger(lines: string[]) {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return createLogger({ level: 'info', service: 'accounts' }, sink);
}

describe('sign-in logs', () => {
  const lines: string[] = [];
  let service: AccountsService;
  beforeEach(async () => {
    lines.length = 0;
    service = await startAccounts({ logger: capturingLogger(lines), passwords: cheapHasher() });
  });
  afterEach(async () => {
    await service.close();
  });

  it('when a user registers, logs in, refreshes, fails a login and logs out, then no line holds a password or token, and the failure is logged with email and address', async () => {
    const from = (url: string, body: unknown) => postFrom(service, '203.0.113.45', url, body);
    const wrongPassword = 'Guessed-Wrong-77';
    expect(
      (
        await from('/auth/register', {
          email: 'logs@example.com',
          password: STRONG_PASSWORD,
          name: 'Log Test',
        })
      ).statusCode,
    ).toBe(201);
    const first = (
      await from('/auth/login', { email: 'logs@example.com', password: STRONG_PASSWORD })
    ).json<{ accessToken: string; refreshToken: string }>();
    const second = (await from('/auth/refresh', { refreshToken: first.refreshToken })).json<{
      accessToken: string;
      refreshToken: string;
    }>();
    // A reused refresh token is an error path too.
    await from('/auth/refresh', { refreshToken: first.refreshToken });
    expect(
      (await from('/auth/login', { email: 'Logs@Example.com', password: wrongPassword }))
        .statusCode,
    ).toBe(401);
    await from('/auth/logout', { refreshToken: second.refreshToken });

    const secrets = [
      STRONG_PASSWORD,
      wrongPassword,
      first.accessToken,
      first.refreshToken,
      second.accessToken,
      second.refreshToken,
    ];
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) for (const secret of secrets) expect(line).not.toContain(secret);

    const failed = lines
      .map((line) => JSON.parse(line))
      .filter((entry) => entry.msg === 'failed login');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      level: 40,
      email: 'logs@example.com',
      clientAddress: '203.0.113.45',
      code: 'ACCOUNTS.INVALID_CREDENTIALS',
    });
  });

  it('when logins are refused by the throttle, then each refusal is logged as a warning with email and address', async () => {
    for (let i = 0; i < 6; i += 1) {
      await postFrom(service, '198.51.100.3', '/auth/login', {
        email: 'nobody@example.com',
        password: `Wrong-Guess-${i}`,
      });
    }
    const refused = lines
      .map((line) => JSON.parse(line))
      .filter((entry) => entry.code === 'ACCOUNTS.TOO_MANY_ATTEMPTS');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({
      level: 40,
      email: 'nobody@example.com',
      clientAddress: '198.51.100.3',
    });
  });
});
