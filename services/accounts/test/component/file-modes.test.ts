import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cheapHasher, registerUser, startAccounts } from './harness.ts';

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('file modes of the accounts database', () => {
  let dir: string;
  let umask: number;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'accounts-modes-'));
    // The usual default, under which new files are world-readable (0644).
    umask = process.umask(0o022);
  });
  afterEach(() => {
    process.umask(umask);
    rmSync(dir, { recursive: true, force: true });
  });

  it('when the service creates its database, then the file and its -wal and -shm are 0600', async () => {
    const path = join(dir, 'accounts.sqlite');
    const service = await startAccounts({
      env: { ACCOUNTS_DB_PATH: path },
      passwords: cheapHasher(),
    });
    try {
      await registerUser(service);
      for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(modeOf(file)).toBe(0o600);
    } finally {
      await service.close();
    }
  });

  it('when an existing database is readable by others, then start-up makes it 0600', async () => {
    const path = join(dir, 'old.sqlite');
    writeFileSync(path, '');
    chmodSync(path, 0o644);
    const service = await startAccounts({
      env: { ACCOUNTS_DB_PATH: path },
      passwords: cheapHasher(),
    });
    await service.close();
    expect(modeOf(path)).toBe(0o600);
  });
});
