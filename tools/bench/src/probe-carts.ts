// A probe, not the bench (ADR 0036): only the bare route and the three cart rows, on a
// platform started as `npm start` runs it, with what each request cost the platform over
// the measured phase: CPU time (/proc/<pid>/stat, USER_HZ 100) and disk syncs
// (`perf stat -e syscalls:sys_enter_fsync,syscalls:sys_enter_fdatasync -p <pid>`).
//   node tools/bench/src/probe-carts.ts
// PROBE_ONLY=<part of a row name>, PROBE_SECONDS (3), PROBE_ROUNDS (1), PROBE_ADD_CONNECTIONS (64),
// PROBE_NODE_OPTIONS (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof) for the platform.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startBareServer } from './bare-process.ts';
import { buildCartScenarios, prepareCarts } from './cart-scenarios.ts';
import { cleanup } from './cleanup.ts';
import { runWrk } from './load-wrk.ts';
import { cpuMs, cpuSplit, startProbedPlatform } from './probe-support.ts';
import { EMBEDDED_ADMIN } from './shop-data.ts';

/** CPU of the main thread so far, in ms. */
const mainMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
/** Involuntary context switches of the main thread so far. */
const preempted = (pid: number) =>
  Number(
    /nonvoluntary_ctxt_switches:\s+(\d+)/.exec(
      readFileSync(`/proc/${pid}/task/${pid}/status`, 'utf8'),
    )?.[1],
  );

/** PROBE_STRACE=1: the syncs per file (strace -y), printed; their total answered. */
const syncsByFile = (pid: number, seconds: number) =>
  new Promise<number>((res) =>
    execFile(
      'timeout',
      [String(seconds), 'strace', '-f', '-y', '-e', 'trace=fsync,fdatasync', '-p', String(pid)],
      { maxBuffer: 64 * 1024 * 1024 },
      (_e, _o, err) => {
        const counts = new Map<string, number>();
        for (const line of String(err).split('\n')) {
          const file = /(?:fsync|fdatasync)\(\d+<([^>]+)>/.exec(line)?.[1];
          if (file)
            counts.set(file.replace(/.*\//, ''), (counts.get(file.replace(/.*\//, '')) ?? 0) + 1);
        }
        console.log('  syncs by file:', [...counts].map(([f, n]) => `${f} ${n}`).join(', '));
        res([...counts.values()].reduce((a, b) => a + b, 0));
      },
    ),
  );

const syncs = (pid: number, seconds: number) =>
  process.env['PROBE_STRACE']
    ? syncsByFile(pid, seconds)
    : new Promise<number>((res) =>
        execFile(
          'perf',
          [
            'stat',
            '-x,',
            '-e',
            'syscalls:sys_enter_fsync,syscalls:sys_enter_fdatasync',
            '-p',
            String(pid),
            'sleep',
            String(seconds),
          ],
          (_e, _o, err) =>
            res(
              String(err)
                .trim()
                .split('\n')
                .map((line) => Number(line.split(',')[0]))
                .filter((n) => !Number.isNaN(n))
                .reduce((a, b) => a + b, 0),
            ),
        ),
      );

const repoRoot = resolve(import.meta.dirname, '../../..');
const [bare, { platform }] = await Promise.all([
  startBareServer(repoRoot),
  startProbedPlatform(repoRoot),
]);
console.log('platform pid', platform.child.pid);
const carts = await prepareCarts(platform.urls.gateway, {
  admin: EMBEDDED_ADMIN,
  concurrency: 4,
  carts: 199,
});
const sample = await fetch(`${platform.urls.gateway}/api/carts/${carts.readCart.id}`, {
  headers: { 'x-cart-token': carts.readCart.token },
});
const sampleBody = await sample.text();
console.log(
  `the read answers ${sampleBody.length} bytes; headers`,
  [...sample.headers.keys()].join(' '),
);
if (process.env['PROBE_PRINT']) console.log(sampleBody);
const connections = Number(process.env['BENCH_CONNECTIONS'] ?? 10);
const scenarios = buildCartScenarios(
  { cart: platform.urls['cart'] ?? '', ...platform.urls },
  carts,
  Number(process.env['PROBE_ADD_CONNECTIONS'] ?? 64),
);
const seconds = Number(process.env['PROBE_SECONDS'] ?? 3);
const rounds = Number(process.env['PROBE_ROUNDS'] ?? 1);
for (let round = 1; round <= rounds; round++) {
  const reference = await runWrk({
    url: bare.url,
    paths: ['/bare'],
    seconds,
    warmupSeconds: 2,
    connections,
  });
  console.log(`bare: ${Math.round(reference.reqPerSec)} req/s`);
  // PROBE_PATHS=cart:/health/live,gateway:/api/carts/{read}: more rows, same measures.
  const extraRows = (process.env['PROBE_PATHS'] ?? '')
    .split(',')
    .filter(Boolean)
    .map((spec) => {
      const [service, path] = [spec.slice(0, spec.indexOf(':')), spec.slice(spec.indexOf(':') + 1)];
      return {
        name: `${service} GET ${path}`,
        url: (platform.urls as Record<string, string>)[service] ?? '',
        paths: [path.replace('{read}', carts.readCart.id)],
        headers: { 'x-cart-token': carts.readCart.token },
        post: undefined,
        connections: undefined,
      };
    });
  for (const scenario of [...scenarios, ...extraRows]) {
    if (process.env['PROBE_ONLY'] && !scenario.name.includes(process.env['PROBE_ONLY'])) continue;
    const post = await scenario.post?.();
    const pid = platform.child.pid;
    let cpu0 = 0;
    let split0: readonly [number, number] = [0, 0];
    let pre0 = 0;
    let main0 = 0;
    const measured = new Promise<number>((res) =>
      setTimeout(() => {
        cpu0 = cpuMs(pid);
        split0 = cpuSplit(pid);
        pre0 = preempted(pid);
        main0 = mainMs(pid);
        void syncs(pid, seconds).then(res);
      }, 2000),
    );
    const r = await runWrk({
      url: scenario.url,
      paths: scenario.paths,
      ...(scenario.headers ? { headers: scenario.headers } : {}),
      ...(post ? { post } : {}),
      seconds,
      warmupSeconds: 2,
      connections: scenario.connections ?? connections,
    });
    const fsyncs = await measured;
    const cpu = cpuMs(pid) - cpu0;
    const split = cpuSplit(pid);
    const perReq = (ms: number) => Math.round((ms * 1000) / r.requests);
    const detail = ` (user ${perReq(split[0] - split0[0])} sys ${perReq(split[1] - split0[1])}, main thread ${perReq(mainMs(pid) - main0)}, preempted/req ${((preempted(pid) - pre0) / r.requests).toFixed(2)})`;
    console.log(
      `${scenario.name}: ${Math.round(r.reqPerSec)} req/s (${((100 * r.reqPerSec) / reference.reqPerSec).toFixed(1)}% of bare)` +
        ` p50 ${r.p50Ms.toFixed(2)} p99 ${r.p99Ms.toFixed(2)} non2xx ${r.non2xx} errors ${r.errors}` +
        ` | cpu µs/req ${Math.round((cpu * 1000) / r.requests)} syncs/req ${(fsyncs / r.requests).toFixed(2)}${detail}`,
    );
  }
}
await Promise.all([bare.child.stop(), platform.child.stop()]);
await cleanup();
process.exit(0);
