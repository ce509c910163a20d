import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ADMIN, getMe, loginAs, post, startAccounts } from './harness.ts';

function capturingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const logger = pino(
    { level: 'info' },
    {
      write: (line: string) => void lines.push(JSON.parse(line) as { level: number; msg: string }),
    },
  );
  return {
    logger,
    warnings: () => lines.filter((line) => line.level === 40).map((line) => line.msg),
  };
}

describe('admin bootstrap', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'accounts-'));
    env = { ACCOUNTS_DB_PATH: join(dir, 'accounts.sqlite') };
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** Reads the file directly, so the count does not depend on the store under test. */
  function countAdmins(): number {
    const db = new DatabaseSync(env['ACCOUNTS_DB_PATH']!);
    try {
      const row = db
        .prepare(
          "SELECT count(*) AS n FROM users, json_each(users.roles) WHERE json_each.value = 'admin'",
        )
        .get() as { n: number };
      return row.n;
    } finally {
      db.close();
    }
  }

  it('when the service starts on an empty store, then exactly one admin exists and can log in with the admin role', async () => {
    const service = await startAccounts({ env });
    const tokens = await loginAs(service, DEFAULT_ADMIN.email, DEFAULT_ADMIN.password);
    expect((await getMe(service, tokens.accessToken)).json()).toMatchObject({
      email: DEFAULT_ADMIN.email,
      roles: ['admin'],
    });
    await service.close();
    expect(countAdmins()).toBe(1);
  });

  it('when the service restarts on the same file, then no second admin is created and old tokens still verify', async () => {
    const first = await startAccounts({ env });
    const tokens = await loginAs(first, DEFAULT_ADMIN.email, DEFAULT_ADMIN.password);
    const adminId = (await first.stores.users.findByEmail(DEFAULT_ADMIN.email))!.id;
    await first.close();

    const second = await startAccounts({
      env: { ...env, ADMIN_EMAIL: 'other-admin@emporium.local' },
    });
    expect(await second.stores.users.findByEmail('other-admin@emporium.local')).toBeUndefined();
    expect((await second.stores.users.findByEmail(DEFAULT_ADMIN.email))!.id).toBe(adminId);
    expect((await getMe(second, tokens.accessToken)).statusCode).toBe(200);
    expect(
      (await post(second, '/auth/refresh', { refreshToken: tokens.refreshToken })).statusCode,
    ).toBe(200);
    await second.close();
    expect(countAdmins()).toBe(1);
  });

  it('when the default admin password is used, then a warning is logged at every start', async () => {
    for (let start = 0; start < 2; start += 1) {
      const { logger, warnings } = capturingLogger();
      const service = await startAccounts({ env, logger });
      expect(warnings().join('\n')).toContain('default password');
      await service.close();
    }
  });

  it('when ADMIN_PASSWORD is set and strong, then the admin uses it and no warning is logged', async () => {
    const { logger, warnings } = capturingLogger();
    const service = await startAccounts({
      env: { ...env, ADMIN_PASSWORD: 'Str0ng-Root-Secret' },
      logger,
    });
    await loginAs(service, DEFAULT_ADMIN.email, 'Str0ng-Root-Secret');
    expect(warnings()).toEqual([]);
    await service.close();
  });

  it('when ADMIN_PASSWORD is set but weak, then the start fails with WEAK_PASSWORD', async () => {
    await expect(startAccounts({ env: { ...env, ADMIN_PASSWORD: 'weak' } })).rejects.toMatchObject({
      code: 'ACCOUNTS.WEAK_PASSWORD',
      message: expect.stringContaining('ADMIN_PASSWORD'),
    });
  });
});
