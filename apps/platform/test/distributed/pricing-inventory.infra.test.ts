import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type PostgresHandle } from '@emporium/kit/postgres';
import { Cluster, waitFor } from './harness.ts';

const day = 86_400_000;

/** An open `text/event-stream` response and the text it delivered so far. */
function openStream(url: string): Promise<{ text(): string; close(): void }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { headers: { accept: 'text/event-stream' } });
    outgoing.on('error', reject);
    outgoing.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('error', () => undefined);
      response.on('data', (chunk: string) => (text += chunk));
      resolve({ text: () => text, close: () => outgoing.destroy() });
    });
    outgoing.end();
  });
}

describe('the distributed platform: pricing on PostgreSQL, inventory on DynamoDB, through the gateway', () => {
  let cluster: Cluster;
  let admin: Record<string, string>;
  /** A `service` token for the inventory, as the orders service will hold one. */
  let service: Record<string, string>;
  let pricingDb: PostgresHandle<unknown>;

  beforeAll(async () => {
    cluster = await Cluster.plan();
    await cluster.start();
    admin = await cluster.admin();
    // The catalog's client stands in for the orders service, which is not in the manifest yet.
    service = await cluster.service('inventory', 'catalog');
    pricingDb = await openPostgres({ url: cluster.pricingDatabaseUrl, pool: { max: 1 } });
  });
  afterAll(async () => {
    await pricingDb?.close();
    await cluster?.close();
  });

  /** A JSON request through the gateway; without a body, no content type (Fastify refuses an empty JSON body). */
  const call = (method: string, path: string, headers: Record<string, string>, body?: unknown) => {
    const { 'content-type': _json, ...rest } = headers;
    return fetch(`${cluster.api}${path}`, {
      method,
      headers: body === undefined ? rest : { ...rest, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  };
  const json = async <T>(response: Response) => (await response.json()) as T;

  it('when an admin sets prices, then the price, the batch and a scheduled price answer through the gateway from PostgreSQL', async () => {
    const first = await call('PUT', '/prices/DIST-PRICE-1', admin, {
      amount: 2599,
      currency: 'USD',
      compareAtAmount: 2999,
    });
    expect(first.status).toBe(200);
    expect(
      (await call('PUT', '/prices/DIST-PRICE-2', admin, { amount: 1299, currency: 'USD' })).status,
    ).toBe(200);
    expect(
      (await call('PUT', '/prices/DIST-PRICE-2', {}, { amount: 1, currency: 'USD' })).status,
    ).toBe(401);

    const read = await json<{ amount: number; compareAtAmount?: number }>(
      await call('GET', '/prices/DIST-PRICE-1?currency=USD', {}),
    );
    expect(read).toMatchObject({ amount: 2599, compareAtAmount: 2999 });
    const batch = await json<{ items: { sku: string; amount: number }[] }>(
      await call('GET', '/prices?skus=DIST-PRICE-1,DIST-PRICE-2,DIST-UNPRICED&currency=USD', {}),
    );
    expect(batch.items.map(({ sku, amount }) => [sku, amount]).sort()).toEqual([
      ['DIST-PRICE-1', 2599],
      ['DIST-PRICE-2', 1299],
    ]);

    const from = new Date(Date.now() + day).toISOString();
    const to = new Date(Date.now() + 2 * day).toISOString();
    const scheduled = await call('PUT', '/prices/DIST-PRICE-1', admin, {
      amount: 1999,
      currency: 'USD',
      validFrom: from,
      validTo: to,
    });
    expect([200, 202]).toContain(scheduled.status);
    // Tomorrow's sale is stored, and today's price stands until it starts.
    expect(
      (await json<{ amount: number }>(await call('GET', '/prices/DIST-PRICE-1', {}))).amount,
    ).toBe(2599);
    const stored = await pricingDb.pool.query(
      'SELECT amount FROM price_schedules WHERE sku = $1 AND currency = $2',
      ['DIST-PRICE-1', 'USD'],
    );
    expect(stored.rows.map((row: { amount: string | number }) => Number(row.amount))).toEqual([
      1999,
    ]);
  });

  it('when an admin creates a promotion, then a quote applies it', async () => {
    const created = await call('POST', '/promotions', admin, {
      code: 'DIST10',
      kind: 'percent',
      value: 10,
    });
    expect(created.status).toBe(201);
    const customer = await call(
      'POST',
      '/promotions',
      {},
      { code: 'NOPE', kind: 'percent', value: 5 },
    );
    expect(customer.status).toBe(401);

    const quoted = await call(
      'POST',
      '/quotes',
      {},
      {
        items: [{ sku: 'DIST-PRICE-2', quantity: 2 }],
        currency: 'USD',
        promotionCode: 'DIST10',
      },
    );
    expect(quoted.status).toBe(201);
    const quote = await json<{
      subtotal: { amount: number };
      discount: { amount: number };
      total: { amount: number };
      expiresAt: string;
    }>(quoted);
    expect(quote.subtotal.amount).toBe(2598);
    expect(quote.discount.amount).toBeGreaterThanOrEqual(259);
    expect(quote.discount.amount).toBeLessThanOrEqual(260);
    expect(Date.parse(quote.expiresAt)).toBeGreaterThan(Date.now());
  });

  it('when stock is set, then a service token reserves, commits and releases through the gateway on DynamoDB', async () => {
    expect((await call('PUT', '/inventory/DIST-STOCK-1', admin, { onHand: 5 })).status).toBe(200);
    const order = { orderId: 'ord_dist_1', items: [{ sku: 'DIST-STOCK-1', quantity: 2 }] };
    expect((await call('POST', '/reservations', {}, order)).status).toBe(401);

    const held = await call('POST', '/reservations', service, order);
    expect(held.status).toBe(201);
    const reservation = await json<{ id: string; status: string }>(held);
    expect(reservation.status).toBe('held');
    const again = await json<{ id: string }>(await call('POST', '/reservations', service, order));
    expect(again.id).toBe(reservation.id);
    const stock = async () =>
      json<{ onHand: number; reserved: number; available: number }>(
        await call('GET', '/inventory/DIST-STOCK-1', {}),
      );
    expect(await stock()).toMatchObject({ onHand: 5, reserved: 2, available: 3 });

    const short = await call('POST', '/reservations', service, {
      orderId: 'ord_dist_short',
      items: [{ sku: 'DIST-STOCK-1', quantity: 4 }],
    });
    expect(short.status).toBe(409);
    expect((await json<{ code: string }>(short)).code).toBe('INVENTORY.INSUFFICIENT_STOCK');

    const committed = await call('POST', `/reservations/${reservation.id}/commit`, service);
    expect(committed.status).toBe(200);
    expect((await call('POST', `/reservations/${reservation.id}/commit`, service)).status).toBe(
      200,
    );
    expect(await stock()).toMatchObject({ onHand: 3, reserved: 0, available: 3 });

    const second = await json<{ id: string }>(
      await call('POST', '/reservations', service, {
        orderId: 'ord_dist_2',
        items: [{ sku: 'DIST-STOCK-1', quantity: 1 }],
      }),
    );
    expect(await stock()).toMatchObject({ reserved: 1, available: 2 });
    expect((await call('POST', `/reservations/${second.id}/release`, service)).status).toBe(200);
    expect(await stock()).toMatchObject({ onHand: 3, reserved: 0, available: 3 });
  });

  it('when stock changes, then the stream through the gateway delivers it', async () => {
    const stream = await openStream(`${cluster.api}/inventory/stream?skus=DIST-STREAM-1`);
    try {
      // Its response has arrived, so the inventory's hub has it: the change below reaches it.
      expect((await call('PUT', '/inventory/DIST-STREAM-1', admin, { onHand: 7 })).status).toBe(
        200,
      );
      const frame = await waitFor(
        () => `a stock event in ${JSON.stringify(stream.text().slice(-300))}`,
        async () =>
          /event: stock\ndata: (\{[^\n]*"DIST-STREAM-1"[^\n]*\})/.exec(stream.text())?.[1],
        5_000,
      );
      expect(JSON.parse(frame)).toMatchObject({ sku: 'DIST-STREAM-1', onHand: 7, available: 7 });
    } finally {
      stream.close();
    }
  });

  it('when a price changes, then catalog search shows it within 2 s through Kafka', async () => {
    const created = await call('POST', '/products', admin, {
      name: 'Nebula Kettle',
      brand: 'Lumen',
      variants: [{ sku: 'DIST-SEARCH-1', options: {} }],
    });
    expect(created.status).toBe(201);
    const { id } = await json<{ id: string }>(created);
    await waitFor(
      'the kettle is searchable',
      async () => ((await cluster.search('nebula')).includes(id) ? true : undefined),
      10_000,
    );

    const priceInSearch = async () => {
      const found = await json<{
        items: { productId: string; price: { amount: number } | null }[];
      }>(await call('GET', '/search?q=nebula', {}));
      return found.items.find((item) => item.productId === id)?.price?.amount;
    };
    const changed = Date.now();
    expect(
      (await call('PUT', '/prices/DIST-SEARCH-1', admin, { amount: 4599, currency: 'USD' })).status,
    ).toBe(200);
    await waitFor(
      'search shows 45.99',
      async () => ((await priceInSearch()) === 4599 ? true : undefined),
      10_000,
    );
    expect(Date.now() - changed).toBeLessThanOrEqual(2_000);
  });
});
