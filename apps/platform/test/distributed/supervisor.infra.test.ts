import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GATEWAY, SERVICE_MANIFEST, manifestEntry } from '@emporium/contracts';
import { Cluster, spawnNode, stopProcess, waitFor, waitReady, type Proc } from './harness.ts';

/** Pid of the child of `parent` whose command line runs `entry`, read from /proc. */
function childRunning(parent: number, entry: string): number | undefined {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== parent) continue;
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(entry)) return Number(pid);
    } catch {
      // The process ended while we looked.
    }
  }
  return undefined;
}

const status = (url: string) =>
  fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
    (response) => response.status,
    () => 0,
  );

describe('npm run start:distributed supervises its services', () => {
  let cluster: Cluster;
  let launcher: Proc;

  beforeAll(async () => {
    cluster = await Cluster.plan();
    launcher = spawnNode('start:distributed', 'apps/platform/src/distributed.ts', {
      ...cluster.launcherEnv(),
      DATA_DIR: cluster.dataDir,
    });
    await Promise.all(
      SERVICE_MANIFEST.map((entry) => waitReady(cluster.urlOf(entry.name), launcher)),
    );
  });
  afterAll(async () => {
    if (launcher) await stopProcess(launcher);
    await cluster?.close();
  });

  it('when the catalog is killed with SIGKILL, then the others answer meanwhile and it answers again within 10 s', async () => {
    const catalogPid = childRunning(launcher.child.pid!, manifestEntry('catalog').entry);
    expect(catalogPid).toBeDefined();
    process.kill(catalogPid!, 'SIGKILL');
    const killedAt = Date.now();
    await waitFor(
      'the catalog is down',
      async () => ((await status(`${cluster.catalogUrl}/health/live`)) === 0 ? true : undefined),
      5_000,
    );

    expect(await status(`${cluster.api}/.well-known/jwks.json`)).toBe(200);
    expect(await status(`${cluster.urlOf(GATEWAY)}/health/live`)).toBe(200);

    await waitFor(
      'the catalog answers again',
      async () => ((await status(`${cluster.api}/products?limit=1`)) === 200 ? true : undefined),
      10_000,
      100,
    );
    expect(Date.now() - killedAt).toBeLessThanOrEqual(10_000);
    const restartedPid = childRunning(launcher.child.pid!, manifestEntry('catalog').entry);
    expect(restartedPid).toBeDefined();
    expect(restartedPid).not.toBe(catalogPid);
  });

  it('when the launcher gets SIGTERM, then every service stops and it exits 0', async () => {
    const children = SERVICE_MANIFEST.map((entry) =>
      childRunning(launcher.child.pid!, entry.entry),
    );
    expect(children.every((pid) => pid !== undefined)).toBe(true);
    expect(await stopProcess(launcher)).toBe(0);
    for (const pid of children) expect(() => process.kill(pid!, 0)).toThrow();
  });
});
