import { afterEach, describe, expect, it } from 'vitest';
import {
  MOTO_INTERNAL_ERROR,
  scriptedTransactWrites,
  startFakeDynamo,
  type FakeDynamoAnswer,
} from '@emporium/kit/testing';
import { sampleProduct, startCatalog, type CatalogHarness } from './harness.ts';

/**
 * The catalog on its DynamoDB adapters against a scripted endpoint on loopback: an engine
 * hiccup is retried, and one that persists is a 503 with Retry-After, never a 500 (ADR 0040).
 */
describe('catalog on DynamoDB when the engine hiccups', () => {
  let catalog: CatalogHarness | undefined;
  let engine: Awaited<ReturnType<typeof startFakeDynamo>> | undefined;
  afterEach(async () => {
    await catalog?.close();
    await engine?.close();
  });

  async function start(transactWrite: (n: number) => FakeDynamoAnswer) {
    engine = await startFakeDynamo(scriptedTransactWrites(transactWrite));
    catalog = await startCatalog({
      CATALOG_STORE: 'dynamodb',
      CATALOG_DYNAMODB_TABLE: 'catalog-hiccups',
      AWS_ENDPOINT_URL: engine.url,
    });
    return catalog;
  }

  it('when every write answers 500, then POST /products is a 503 STORE_UNAVAILABLE problem with Retry-After, after the retries', async () => {
    const { service, admin } = await start(() => MOTO_INTERNAL_ERROR);
    const response = await service.app.inject({
      method: 'POST',
      url: '/products',
      headers: admin,
      payload: sampleProduct(),
    });
    expect(response.statusCode, response.body).toBe(503);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.json()).toMatchObject({ status: 503, code: 'COMMON.STORE_UNAVAILABLE' });
    expect(engine?.requests.get('TransactWriteItems')).toBe(6);
  });

  it('when the engine answers 500 twice and then takes the write, then POST /products is a 201', async () => {
    const { service, admin } = await start((n) =>
      n < 2 ? MOTO_INTERNAL_ERROR : { status: 200, body: '{}' },
    );
    const response = await service.app.inject({
      method: 'POST',
      url: '/products',
      headers: admin,
      payload: sampleProduct(),
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(engine?.requests.get('TransactWriteItems')).toBe(3);
  });
});
