import { randomBytes } from 'node:crypto';
import { startService } from '@emporium/kit';
import { createTestAuth, silentLogger, testPostgresAdminUrl } from '@emporium/kit/testing';
import { sql } from 'kysely';
import { openPostgres } from '@emporium/kit/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pricingService, type PricingService } from '../../src/service.ts';

/** A database name nobody created: pricing must create it at start. */
const name = `pricing_fresh_${randomBytes(5).toString('hex')}`;
const url = Object.assign(new URL(testPostgresAdminUrl), { pathname: `/${name}` }).toString();

async function dropDatabase(): Promise<void> {
  const admin = await openPostgres<Record<string, never>>({ url: testPostgresAdminUrl });
  try {
    await sql.raw(`drop database if exists "${name}" with (force)`).execute(admin.db);
  } finally {
    await admin.close();
  }
}

describe('pricing on PostgreSQL through HTTP', () => {
  let service: PricingService;
  let admin: Record<string, string>;
  beforeAll(async () => {
    const auth = await createTestAuth();
    admin = { authorization: await auth.bearer('usr_admin', ['admin']) };
    service = await startService(pricingService, {
      env: {
        LOG_LEVEL: 'silent',
        PRICING_PORT: '0',
        PRICING_STORE: 'postgres',
        PRICING_DATABASE_URL: url,
      },
      logger: silentLogger,
      verifier: auth.verifier,
      processMetrics: false,
    });
  });
  afterAll(async () => {
    await service?.close();
    await dropDatabase();
  });

  it('when its own database does not exist, then pricing creates it and serves prices from it', async () => {
    expect((await service.app.inject({ url: '/health/ready' })).statusCode).toBe(200);
    const put = await service.app.inject({
      method: 'PUT',
      url: '/prices/PG-1',
      headers: admin,
      payload: { amount: 4200, currency: 'USD' },
    });
    expect(put.statusCode, put.body).toBe(200);
    const batch = await service.app.inject({ url: '/prices?skus=PG-1,PG-2' });
    expect(batch.json().items).toEqual([expect.objectContaining({ sku: 'PG-1', amount: 4200 })]);
  });

  it('when a bad price is sent, then it is a 400 and the database holds nothing for it', async () => {
    const put = await service.app.inject({
      method: 'PUT',
      url: '/prices/PG-BAD',
      headers: admin,
      payload: { amount: -5, currency: 'USD' },
    });
    expect(put.json()).toMatchObject({ code: 'PRICING.INVALID_AMOUNT' });
    expect((await service.app.inject({ url: '/prices/PG-BAD' })).statusCode).toBe(404);
  });
});
