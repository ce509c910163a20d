import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPlatform, type RunningPlatform } from '../src/platform.ts';
import { platformEnv } from './free-port.ts';

export interface EmbeddedPlatform {
  platform: RunningPlatform;
  /** `http://127.0.0.1:<gateway>/api` */
  api: string;
  /** Headers of the default admin's JSON requests. */
  admin: Record<string, string>;
  /** Stops the platform (once) and removes its data dir. */
  close(): Promise<void>;
}

/**
 * The platform as `npm start` runs it, on free ports and a fresh data dir, with the
 * default admin signed in through the gateway.
 */
export async function startEmbeddedPlatform(
  name: string,
  env: Record<string, string> = {},
): Promise<EmbeddedPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), `${name}-`));
  const ports = await platformEnv(dataDir);
  const platform = await startPlatform({ env: { ...ports, ...env } });
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= platform.close().finally(() => rmSync(dataDir, { recursive: true, force: true })));
  try {
    const api = `http://127.0.0.1:${ports['GATEWAY_PORT']}/api`;
    const login = await fetch(`${api}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@emporium.local', password: 'admin-password' }),
    });
    if (login.status !== 200) throw new Error(`admin login answered ${login.status}`);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const admin = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
    return { platform, api, admin, close };
  } catch (error) {
    await close();
    throw error;
  }
}
