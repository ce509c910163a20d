// What the probes (probe-*.ts) share: the platform's CPU from /proc, and a platform started
// as `npm start` runs it, with the bench's service credentials and PROBE_NODE_OPTIONS.
import { readFileSync } from 'node:fs';
import { startPlatform } from './platform-process.ts';
import { benchServiceCredentials } from './shop-data.ts';

/** User and system CPU of a process so far, in ms (USER_HZ 100). */
export function cpuSplit(pid: number): readonly [user: number, system: number] {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return [Number(fields[11]) * 10, Number(fields[12]) * 10];
}

/** User + system CPU of a process so far, in ms. */
export function cpuMs(pid: number): number {
  const [user, system] = cpuSplit(pid);
  return user + system;
}

/** The platform of `repoRoot` for a probe; `extra` adds to its environment. */
export async function startProbedPlatform(repoRoot: string, extra: NodeJS.ProcessEnv = {}) {
  const credentials = benchServiceCredentials();
  const env: NodeJS.ProcessEnv = { SERVICE_CREDENTIALS: credentials.value, ...extra };
  if (process.env['PROBE_NODE_OPTIONS']) env['NODE_OPTIONS'] = process.env['PROBE_NODE_OPTIONS'];
  const platform = await startPlatform(repoRoot, 120_000, env);
  return { platform, credentials };
}
