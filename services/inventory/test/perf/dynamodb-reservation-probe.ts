// A quick probe, not a test: reservations on DynamoDB (the local emulator, `npm run infra:up`),
// through the service with its relay running, as the distributed platform runs it:
// 100 on distinct SKUs and 50 on one hot SKU at 10 in flight, then 200 at once against 10
// on hand. Prints the rate, the latency and what was held. `npm run bench -- --distributed`
// is the real figure; this isolates the store.
//   node services/inventory/test/perf/dynamodb-reservation-probe.ts
import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { startService, type TokenVerifier } from '@emporium/kit';
import { createTestAuth, silentLogger } from '@emporium/kit/testing';
import { inventoryService } from '../../src/service.ts';

const endpoint = process.env['AWS_ENDPOINT_URL'] ?? 'http://127.0.0.1:14566';
const table = `inventory-probe-${randomUUID().slice(0, 8)}`;
const IN_FLIGHT = 10;
const auth = await createTestAuth();
const verifier: TokenVerifier = {
  verify: async (token) => ({ ...(await auth.verifier.verify(token)), audience: 'inventory' }),
};
const service = await startService(inventoryService, {
  env: {
    LOG_LEVEL: 'silent',
    INVENTORY_PORT: '0',
    INVENTORY_STORE: 'dynamodb',
    INVENTORY_DYNAMODB_TABLE: table,
    AWS_ENDPOINT_URL: endpoint,
  },
  logger: silentLogger,
  verifier,
  processMetrics: false,
});
const admin = { authorization: await auth.bearer('usr_admin', ['admin']) };
const orders = { authorization: await auth.bearer('svc_orders', ['service']) };
const reserve = (orderId: string, sku: string) =>
  service.app.inject({
    method: 'POST',
    url: '/reservations',
    headers: orders,
    payload: { orderId, items: [{ sku, quantity: 1 }] },
  });

async function run(label: string, total: number, skuOf: (i: number) => string): Promise<void> {
  let next = 0;
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const started = performance.now();
  const worker = async () => {
    for (let i = next++; i < total; i = next++) {
      const t0 = performance.now();
      const answer = await reserve(`${label.replaceAll(' ', '-')}-${i}`, skuOf(i));
      latencies.push(performance.now() - t0);
      statuses.set(answer.statusCode, (statuses.get(answer.statusCode) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const p = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  console.log(
    `${label}: ${(total / seconds).toFixed(1)} reservations/s, p50 ${p(0.5).toFixed(0)} ms, p99 ${p(0.99).toFixed(0)} ms, statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
  );
}

try {
  const run0 = randomUUID().slice(0, 6);
  for (let i = 0; i < 100; i += 1)
    await service.app.inject({
      method: 'PUT',
      url: `/inventory/D${run0}-${i}`,
      headers: admin,
      payload: { onHand: 1_000 },
    });
  await service.app.inject({
    method: 'PUT',
    url: `/inventory/HOT${run0}`,
    headers: admin,
    payload: { onHand: 1_000 },
  });
  await run('distinct SKUs', 100, (i) => `D${run0}-${i % 100}`);
  await run('one hot SKU', 50, () => `HOT${run0}`);

  await service.app.inject({
    method: 'PUT',
    url: `/inventory/C${run0}`,
    headers: admin,
    payload: { onHand: 10 },
  });
  const started = performance.now();
  const answers = await Promise.all(
    Array.from({ length: 200 }, (_, i) => reserve(`burst-${i}`, `C${run0}`)),
  );
  const level = (await service.app.inject({ url: `/inventory/C${run0}` })).json<{
    reserved: number;
  }>();
  const held = answers.filter((answer) => answer.statusCode === 201).length;
  const other = answers.filter((a) => a.statusCode !== 201 && a.statusCode !== 409).length;
  console.log(
    `200 at once against 10: ${held} held (201), ${level.reserved} reserved, ${other} other answers, ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
} finally {
  await service.close();
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const { TableNames = [] } = await client.send(new ListTablesCommand({}));
  for (const name of TableNames.filter((name) => name.startsWith(table)))
    await client.send(new DeleteTableCommand({ TableName: name }));
  client.destroy();
}
