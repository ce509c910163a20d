// A probe, not the bench: the bare route and the two batch price rows, alternated, on a
// platform started as `npm start` runs it, with the platform's CPU per request.
//   node tools/bench/src/probe-prices.ts
// PROBE_SECONDS (3), PROBE_ROUNDS (3), PROBE_NODE_OPTIONS (e.g. --cpu-prof) for the platform.
import { resolve } from 'node:path';
import { startBareServer } from './bare-process.ts';
import { cleanup } from './cleanup.ts';
import { runWrk } from './load-wrk.ts';
import { cpuMs, startProbedPlatform } from './probe-support.ts';
import { buildShopScenarios, prepareShop } from './shop-scenarios.ts';
import { EMBEDDED_ADMIN } from './shop-data.ts';

const repoRoot = process.env['PROBE_REPO'] ?? resolve(import.meta.dirname, '../../..');
const [bare, { platform, credentials }] = await Promise.all([
  startBareServer(repoRoot),
  startProbedPlatform(repoRoot),
]);
const pid = platform.child.pid!;
const shop = await prepareShop(platform.urls.gateway, {
  admin: EMBEDDED_ADMIN,
  serviceClient: credentials.client,
  distinctSkus: 10,
  concurrency: 4,
});
const rows = buildShopScenarios(
  { pricing: platform.urls['pricing'] ?? '', gateway: platform.urls.gateway },
  shop,
  10,
).slice(0, 2);
const sample = await fetch(`${rows[1]!.url}${rows[1]!.paths[0]}`);
console.log(`the gateway read answers ${(await sample.text()).length} bytes`);
const seconds = Number(process.env['PROBE_SECONDS'] ?? 3);
for (let round = 1; round <= Number(process.env['PROBE_ROUNDS'] ?? 3); round++) {
  const reference = await runWrk({
    url: bare.url,
    paths: ['/bare'],
    seconds,
    warmupSeconds: 1,
    connections: 10,
  });
  const line = [`round ${round}: bare ${Math.round(reference.reqPerSec)}`];
  for (const row of rows) {
    const cpu0 = cpuMs(pid);
    const result = await runWrk({
      url: row.url,
      paths: row.paths,
      seconds,
      warmupSeconds: 1,
      connections: 10,
    });
    // The CPU window spans the warmup second too, at about the same rate.
    const requests = result.reqPerSec * (seconds + 1);
    line.push(
      `${row.name.split(' ')[0]} ${Math.round(result.reqPerSec)} (${((100 * result.reqPerSec) / reference.reqPerSec).toFixed(1)}%, ${((1000 * (cpuMs(pid) - cpu0)) / requests).toFixed(0)} µs cpu/req)`,
    );
  }
  console.log(line.join(' | '));
}
await cleanup();
