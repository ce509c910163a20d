// A quick probe, not a test: reservations per second on SQLite, in process, on distinct
// SKUs and on one hot SKU, with the CPU each costs. `npm run bench` is the real figure.
//   node services/inventory/test/perf/reservation-probe.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService, type TokenVerifier } from '@emporium/kit';
import { createTestAuth, silentLogger } from '@emporium/kit/testing';
import { inventoryService } from '../../src/service.ts';

const CONCURRENCY = 32;
const dir = mkdtempSync(join(tmpdir(), 'inventory-probe-'));
const auth = await createTestAuth();
const verifier: TokenVerifier = {
  verify: async (token) => ({ ...(await auth.verifier.verify(token)), audience: 'inventory' }),
};
const service = await startService(inventoryService, {
  env: { DATA_DIR: dir, LOG_LEVEL: 'silent', INVENTORY_PORT: '0' },
  logger: silentLogger,
  verifier,
  processMetrics: false,
});
const admin = { authorization: await auth.bearer('usr_admin', ['admin']) };
const orders = { authorization: await auth.bearer('svc_orders', ['service']) };

async function run(label: string, total: number, skuOf: (i: number) => string): Promise<void> {
  let next = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const worker = async () => {
    for (let i = next++; i < total; i = next++) {
      await service.app.inject({
        method: 'POST',
        url: '/reservations',
        headers: orders,
        payload: { orderId: `${label}-${i}`, items: [{ sku: skuOf(i), quantity: 1 }] },
      });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const perReservation = (cpu.user + cpu.system) / total;
  console.log(
    `${label}: ${Math.round(total / seconds)} reservations/s, ${perReservation.toFixed(0)} µs CPU each`,
  );
}

for (let i = 0; i < 2000; i += 1)
  await service.app.inject({
    method: 'PUT',
    url: `/inventory/D-${i}`,
    headers: admin,
    payload: { onHand: 100 },
  });
await service.app.inject({
  method: 'PUT',
  url: '/inventory/HOT',
  headers: admin,
  payload: { onHand: 100_000 },
});
await run('distinct SKUs', 4000, (i) => `D-${i % 2000}`);
await run('one hot SKU', 4000, () => 'HOT');
await service.close();
rmSync(dir, { recursive: true, force: true });
