// A probe, not the bench (ADR 0025): only the two reservation rows, on a platform started
// as `npm start` runs it, with what each reservation cost the platform over the measured
// phase: disk syncs (`perf stat -e syscalls:sys_enter_fsync -p <pid>`, Linux perf needed)
// and CPU time (/proc/<pid>/stat, USER_HZ 100). Noise moves the rate; these move less.
//   BENCH_CONNECTIONS=64 node tools/bench/src/probe-reservations.ts
// PROBE_ONLY=distinct|hot, PROBE_SECONDS (3), PROBE_PAUSE (ms before the load, to attach
// strace), PROBE_NODE_OPTIONS (e.g. --cpu-prof) for the platform.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { cleanup } from './cleanup.ts';
import { runLoad } from './load.ts';
import { cpuMs, startProbedPlatform } from './probe-support.ts';
import { EMBEDDED_ADMIN } from './shop-data.ts';
import { buildShopScenarios, prepareShop, shopChecks } from './shop-scenarios.ts';

/** User + system CPU of a process so far, in ms. */

const repoRoot = resolve(import.meta.dirname, '../../..');
const { platform, credentials } = await startProbedPlatform(repoRoot);
console.log('platform pid', platform.child.pid);
const shop = await prepareShop(platform.urls.gateway, {
  admin: EMBEDDED_ADMIN,
  serviceClient: credentials.client,
  distinctSkus: 500,
  concurrency: 4,
});
const connections = Number(process.env['BENCH_CONNECTIONS'] ?? 10);
const scenarios = buildShopScenarios(
  { pricing: platform.urls['pricing'] ?? '', ...platform.urls },
  shop,
  connections,
).slice(2);
for (const scenario of scenarios) {
  if (process.env['PROBE_ONLY'] && !scenario.name.includes(process.env['PROBE_ONLY'])) continue;
  const post = await scenario.post!();
  if (process.env['PROBE_PAUSE']) {
    console.log('ready; sleeping', process.env['PROBE_PAUSE']);
    await new Promise((r) => setTimeout(r, Number(process.env['PROBE_PAUSE'])));
  }
  const seconds = Number(process.env['PROBE_SECONDS'] ?? 3);
  const pid = platform.child.pid;
  let cpu0 = 0;
  const perf = new Promise<string>((res) =>
    setTimeout(() => {
      cpu0 = cpuMs(pid);
      execFile(
        'perf',
        [
          'stat',
          '-x,',
          '-e',
          'syscalls:sys_enter_fsync',
          '-p',
          String(pid),
          'sleep',
          String(seconds),
        ],
        (_e, _o, err) => res(String(err)),
      );
    }, 2000),
  );
  const r = await runLoad({
    url: scenario.url,
    paths: scenario.paths,
    post,
    seconds,
    warmupSeconds: 2,
    connections,
  });
  const fsyncs = Number((await perf).trim().split('\n').at(-1)!.split(',')[0]);
  const cpu = cpuMs(pid) - cpu0;
  console.log(
    `  fsyncs/req ${(fsyncs / r.requests).toFixed(2)} cpu µs/req ${Math.round((cpu * 1000) / r.requests)}`,
  );
  console.log(
    `${scenario.name}: ${Math.round(r.reqPerSec)} req/s p50 ${r.p50Ms.toFixed(2)} p99 ${r.p99Ms.toFixed(2)} non2xx ${r.non2xx} errors ${r.errors}`,
  );
}
for (const c of await shopChecks(shop)) console.log(c.name, c.value, c.result);
await platform.child.stop();
await cleanup();
process.exit(0);
