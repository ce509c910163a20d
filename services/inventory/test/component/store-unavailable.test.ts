import { afterEach, describe, expect, it } from 'vitest';
import {
  MOTO_INTERNAL_ERROR,
  THROTTLED,
  scriptedTransactWrites,
  startFakeDynamo,
  type FakeDynamoAnswer,
} from '@emporium/kit/testing';
import { expectProblem, startInventory, type InventoryHarness } from './harness.ts';

/**
 * The inventory on its DynamoDB adapters against a scripted endpoint on loopback: an
 * engine hiccup is retried, one that persists is a 503 with Retry-After, never a 500 (ADR 0040).
 */
describe('inventory on DynamoDB when the engine hiccups', () => {
  let inventory: InventoryHarness | undefined;
  let engine: Awaited<ReturnType<typeof startFakeDynamo>> | undefined;
  afterEach(async () => {
    await inventory?.close();
    await engine?.close();
  });

  async function start(transactWrite: (n: number) => FakeDynamoAnswer) {
    engine = await startFakeDynamo(scriptedTransactWrites(transactWrite));
    inventory = await startInventory({
      env: {
        INVENTORY_STORE: 'dynamodb',
        INVENTORY_DYNAMODB_TABLE: 'inventory-hiccups',
        AWS_ENDPOINT_URL: engine.url,
      },
    });
    return inventory;
  }

  const putStock = (harness: InventoryHarness) =>
    harness.service.app.inject({
      method: 'PUT',
      url: '/inventory/SKU-HICCUP-1',
      headers: harness.admin,
      payload: { onHand: 5 },
    });

  it('when DynamoDB keeps throttling, then a stock PUT is a 503 STORE_UNAVAILABLE with Retry-After, after the retries', async () => {
    const harness = await start(() => THROTTLED);
    const response = await putStock(harness);
    expectProblem(response, 503, 'COMMON.STORE_UNAVAILABLE');
    expect(response.headers['retry-after']).toBe('1');
    expect(engine?.requests.get('TransactWriteItems')).toBe(6);
  });

  it('when the engine answers 500 once and then takes the write, then the stock PUT succeeds', async () => {
    const harness = await start((n) => (n < 1 ? MOTO_INTERNAL_ERROR : { status: 200, body: '{}' }));
    const response = await putStock(harness);
    expect(response.statusCode, response.body).toBe(200);
    expect(engine?.requests.get('TransactWriteItems')).toBe(2);
  });
});
