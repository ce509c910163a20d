import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInventory, type InventoryHarness } from './harness.ts';

interface Level {
  sku: string;
  onHand: number;
  reserved: number;
  available: number;
}

/**
 * Real sockets on loopback: the requests arrive at once, as the orders service would send
 * them. Run on SQLite (npm test) and on DynamoDB (the infra test next to this one).
 */
export function describeOversell(
  name: string,
  env: Record<string, string> = {},
  cleanup?: () => Promise<void>,
) {
  describe(`never oversell, on ${name} through HTTP`, () => {
    let h: InventoryHarness;
    let base: string;
    beforeAll(async () => {
      h = await startInventory({ env });
      base = await h.service.listen();
    });
    afterAll(async () => {
      await h.close();
      await cleanup?.();
    });

    const call = async (
      method: string,
      path: string,
      headers: Record<string, string>,
      body?: object,
    ) => {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const level = async (sku: string) =>
      (await call('GET', `/inventory/${sku}`, {})).body as unknown as Level;

    it('when 200 single-unit reservations race for 10 on hand, then exactly 10 are held', async () => {
      await call('PUT', '/inventory/HOT-1', h.admin, { onHand: 10 });
      const answers = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          call('POST', '/reservations', h.orders, {
            orderId: `hot-${i}`,
            items: [{ sku: 'HOT-1', quantity: 1 }],
          }),
        ),
      );
      const statuses = answers.map((answer) => answer.status);
      expect(statuses.filter((status) => status === 201)).toHaveLength(10);
      expect(statuses.filter((status) => status === 409)).toHaveLength(190);
      expect(await level('HOT-1')).toMatchObject({ onHand: 10, reserved: 10, available: 0 });
    });

    it('when the same orderId is sent 20 times at once, then one reservation holds the units once', async () => {
      await call('PUT', '/inventory/TWIN-1', h.admin, { onHand: 10 });
      const answers = await Promise.all(
        Array.from({ length: 20 }, () =>
          call('POST', '/reservations', h.orders, {
            orderId: 'twin-order',
            items: [{ sku: 'TWIN-1', quantity: 3 }],
          }),
        ),
      );
      expect(new Set(answers.map((answer) => answer.body['id'])).size).toBe(1);
      expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
      expect((await level('TWIN-1')).reserved).toBe(3);
    });

    it('when mixed multi-SKU reservations race, then no partial hold is left: every SKU reserved equals its held lines', async () => {
      const skus = ['MIX-A', 'MIX-B', 'MIX-C'];
      for (const sku of skus) await call('PUT', `/inventory/${sku}`, h.admin, { onHand: 12 });
      const orders = Array.from({ length: 60 }, (_, i) => ({
        orderId: `mix-${i}`,
        items: [
          { sku: skus[i % 3]!, quantity: 1 + (i % 4) },
          { sku: skus[(i + 1) % 3]!, quantity: 1 + ((i + 2) % 3) },
        ],
      }));
      const answers = await Promise.all(
        orders.map((order) => call('POST', '/reservations', h.orders, order)),
      );
      const held = orders.filter((_, i) => answers[i]!.status === 201);
      expect(held.length).toBeGreaterThan(0);
      expect(answers.every((answer) => answer.status === 201 || answer.status === 409)).toBe(true);
      for (const sku of skus) {
        const expected = held
          .flatMap((order) => order.items)
          .filter((item) => item.sku === sku)
          .reduce((sum, item) => sum + item.quantity, 0);
        const stock = await level(sku);
        expect(stock.reserved).toBe(expected);
        expect(stock.reserved).toBeLessThanOrEqual(12);
        expect(stock.available).toBe(12 - expected);
      }
    });
  });
}
