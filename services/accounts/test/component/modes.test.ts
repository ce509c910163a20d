import { generateServiceCredentials } from '@emporium/kit';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@emporium/kit';
import { DEFAULT_ADMIN, STRONG_PASSWORD, loginAs, startAccounts } from './harness.ts';

describe('the admin password outside embedded mode', () => {
  for (const mode of ['distributed', 'production']) {
    it(`when EMPORIUM_MODE=${mode} and ADMIN_PASSWORD is the default, then the service refuses to start and names the variable`, async () => {
      const started = startAccounts({ env: { EMPORIUM_MODE: mode } });
      await expect(started).rejects.toBeInstanceOf(ConfigError);
      await expect(started).rejects.toThrow(/ADMIN_PASSWORD: must be set in .* mode/);
    });
  }

  it('when EMPORIUM_MODE=distributed and ADMIN_PASSWORD is set, then the admin logs in with it', async () => {
    const service = await startAccounts({
      env: {
        EMPORIUM_MODE: 'distributed',
        ADMIN_PASSWORD: STRONG_PASSWORD,
        // Outside embedded mode the public default service secrets are refused too.
        SERVICE_CREDENTIALS: generateServiceCredentials(['catalog', 'gateway']),
      },
    });
    try {
      const tokens = await loginAs(service, DEFAULT_ADMIN.email, STRONG_PASSWORD);
      expect(tokens.accessToken).toBeTruthy();
    } finally {
      await service.close();
    }
  });

  it('when the mode is embedded (the default), then the default password still starts the service', async () => {
    const service = await startAccounts();
    try {
      await loginAs(service, DEFAULT_ADMIN.email, DEFAULT_ADMIN.password);
    } finally {
      await service.close();
    }
  });

  it('when the service is run alone in distributed mode with the default password, then it exits 1 naming ADMIN_PASSWORD', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'accounts-mode-'));
    try {
      const main = join(import.meta.dirname, '..', '..', 'src', 'main.ts');
      const failure = await promisify(execFile)(process.execPath, [main], {
        env: {
          ...process.env,
          EMPORIUM_MODE: 'distributed',
          DATA_DIR: dataDir,
          ACCOUNTS_PORT: '0',
          ADMIN_PASSWORD: '',
        },
      }).catch((error: { code: number; stderr: string }) => error);
      expect(failure).toMatchObject({ code: 1 });
      expect((failure as { stderr: string }).stderr).toContain(
        'accounts cannot start: Invalid configuration:\n  ADMIN_PASSWORD: must be set in distributed mode',
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
