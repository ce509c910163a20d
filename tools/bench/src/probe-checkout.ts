// A probe, not the bench (ADR 0037): only the checkout row, on a platform started as
// `npm start` runs it, with what each checkout cost the platform over the measured phase:
// disk syncs (`perf stat -e syscalls:sys_enter_fsync,syscalls:sys_enter_fdatasync -p <pid>`,
// Linux perf needed) and CPU time (/proc/<pid>/stat, USER_HZ 100), then the bench's checks.
//   node tools/bench/src/probe-checkout.ts
// PROBE_REPO (this checkout), PROBE_SHOPPERS (300), PROBE_SECONDS (10), PROBE_ROUNDS (1), BENCH_CONNECTIONS (10),
// PROBE_STRACE=<file> (syncs by file), PROBE_RESET_SIGNAL / PROBE_DUMP_SIGNAL (for an --import'ed tracer), PROBE_NODE_OPTIONS (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof) for the platform.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { cleanup } from './cleanup.ts';
import { cpuMs, startProbedPlatform } from './probe-support.ts';
import { EMBEDDED_ADMIN } from './shop-data.ts';
import {
  checkoutChecks,
  checkoutLoop,
  prepareCarts,
  prepareCheckout,
} from './checkout-scenarios.ts';

const number = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

// PROBE_REPO: another checkout's platform (e.g. main's, for a before/after in one run).
const repoRoot = process.env['PROBE_REPO'] ?? resolve(import.meta.dirname, '../../..');
const extra: NodeJS.ProcessEnv = { ACCOUNTS_REGISTRATIONS_PER_ADDRESS: '100000' };
// PROBE_OUTBOX_COALESCE_MS: the platform's OUTBOX_COALESCE_MS (npm start's default otherwise).
if (process.env['PROBE_OUTBOX_COALESCE_MS'])
  extra['OUTBOX_COALESCE_MS'] = process.env['PROBE_OUTBOX_COALESCE_MS'];
const { platform } = await startProbedPlatform(repoRoot, extra);
const pid = platform.child.pid;
console.log('platform pid', pid);
const fixture = await prepareCheckout(platform.urls.gateway, {
  admin: EMBEDDED_ADMIN,
  skus: 500,
  shoppers: number('PROBE_SHOPPERS', 300),
  concurrency: 4,
  warmupCarts: 100,
});
const connections = number('BENCH_CONNECTIONS', 10);
const name = 'checkout (distinct SKUs, tok_visa)';
const warmup = await prepareCarts(fixture, fixture.shoppers.slice(0, 100));
await checkoutLoop(fixture, warmup, connections, 60);
for (let round = 0; round < number('PROBE_ROUNDS', 1); round++) {
  const carts = await prepareCarts(fixture, fixture.shoppers);
  if (process.env['PROBE_PAUSE']) {
    console.log('ready; sleeping', process.env['PROBE_PAUSE']);
    await new Promise((r) => setTimeout(r, Number(process.env['PROBE_PAUSE'])));
  }
  const cpu0 = cpuMs(pid);
  // PROBE_RESET_SIGNAL: a signal the platform's --import'ed tracer resets its counts on.
  if (process.env['PROBE_RESET_SIGNAL'])
    process.kill(pid, process.env['PROBE_RESET_SIGNAL'] as NodeJS.Signals);
  // PROBE_STRACE=<file>: which files the syncs went to (strace -y), instead of counting them.
  const strace = process.env['PROBE_STRACE'];
  const perf = strace
    ? execFile('strace', [
        '-f',
        '-y',
        '-tt',
        '-T',
        '-e',
        'trace=fsync,fdatasync',
        '-o',
        strace,
        '-p',
        String(pid),
      ])
    : execFile('perf', [
        'stat',
        '-x,',
        '-e',
        'syscalls:sys_enter_fsync,syscalls:sys_enter_fdatasync',
        '-p',
        String(pid),
      ]);
  let perfOut = '';
  perf.stderr!.on('data', (chunk: Buffer) => (perfOut += chunk.toString()));
  await new Promise((r) => setTimeout(r, 200));
  const from = process.hrtime.bigint() / 1000n;
  const result = await checkoutLoop(fixture, carts, connections, number('PROBE_SECONDS', 10));
  const cpu = cpuMs(pid) - cpu0;
  // PROBE_DUMP_SIGNAL: a signal the platform's --import'ed tracer writes its counts on.
  if (process.env['PROBE_DUMP_SIGNAL'])
    process.kill(pid, process.env['PROBE_DUMP_SIGNAL'] as NodeJS.Signals);
  console.log(`  timed window (monotonic µs): ${from} ${process.hrtime.bigint() / 1000n}`);
  perf.kill('SIGINT');
  await new Promise((r) => perf.on('close', r));
  const syncs = perfOut
    .trim()
    .split('\n')
    .filter((line) => line.includes('syscalls'))
    .reduce((sum, line) => sum + (Number(line.split(',')[0]) || 0), 0);
  const done = result.requests;
  console.log(
    `${name}: ${result.reqPerSec.toFixed(1)} confirmed/s p50 ${result.p50Ms.toFixed(1)} p99 ${result.p99Ms.toFixed(1)} max ${result.maxMs.toFixed(1)}, ${done} answered`,
    JSON.stringify(result.statusCodes),
    result.firstError ?? '',
  );
  console.log(
    `  syncs/checkout ${(syncs / done).toFixed(2)} cpu ms/checkout ${(cpu / done).toFixed(2)}`,
  );
}
for (const check of await checkoutChecks(fixture))
  console.log(check.name, check.value, check.result);
await platform.child.stop();
await cleanup();
process.exit(0);
