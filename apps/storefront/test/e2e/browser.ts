import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's package puts it here; `E2E_CHROMIUM=/path/to/chrome` points the tests elsewhere. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env['E2E_CHROMIUM'] || DEFAULT_CHROMIUM;
}

/**
 * Flags for a machine with no network: without them Chromium keeps trying to reach outside
 * hosts (component updates, sync, field trials). As root it will not start without
 * `--no-sandbox`.
 */
export function chromiumArgs(isRoot: boolean): string[] {
  return [
    ...(isRoot ? ['--no-sandbox'] : []),
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--disable-default-apps',
    '--disable-extensions',
    '--disable-dev-shm-usage',
  ];
}

export interface Browser {
  context: BrowserContext;
  /** Closes the browser and removes its profile. Idempotent. */
  close(): Promise<void>;
}

/** Headless Chromium on a fresh profile (`--user-data-dir`), never a downloaded browser. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath))
    throw new Error(
      `No Chromium at ${executablePath}. Install it (as root: apt-get update && apt-get install -y chromium fonts-dejavu, or npm run setup), or set E2E_CHROMIUM to a Chromium or Chrome binary.`,
    );
  const profile = await mkdtemp(join(tmpdir(), 'emporium-e2e-chromium-'));
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: chromiumArgs(isRoot),
      viewport: { width: 1280, height: 900 },
      locale: 'en-US',
      timezoneId: 'UTC',
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= context
      .close()
      .catch(() => undefined)
      .finally(() => rm(profile, { recursive: true, force: true })));
  return { context, close };
}
