// The pricing and inventory scenarios: a batch price read of 50 SKUs (direct and through the
// gateway) and reservations per second on distinct SKUs and on one hot SKU, through the
// gateway with a service token; afterwards the oversold units, read back through the API.
import { randomUUID } from 'node:crypto';
import type { PostSpec } from './load.ts';
import type { CheckReport } from './report.ts';
import {
  DISTRIBUTED_WRITES,
  DISTRIBUTED_WRITES_LABEL,
  atLeastReqPerSec,
  atLeastShareOfBare,
  type Scenario,
} from './scenarios.ts';
import {
  adminToken,
  benchSkus,
  contendForStock,
  oversoldUnits,
  readStock,
  serviceToken,
  setPrices,
  setStock,
  type Credentials,
  type ServiceClientCredentials,
} from './shop-data.ts';

export const BATCH_PRICE_SKUS = 50;
/** Stock of every reserved SKU: far more than a run can reserve, so every answer is a 201. */
const ON_HAND = 10_000_000;
const CONTENTION = { attempts: 200, onHand: 10 };

export interface ShopSettings {
  admin: Credentials;
  /** Whose client credentials the reservations carry a service token of. */
  serviceClient: Omit<ServiceClientCredentials, 'audience'>;
  /** How many SKUs the distinct-SKU reservations rotate through. */
  distinctSkus: number;
  /** Setup requests in flight at once (1 on the AWS emulator: it fails concurrent writes). */
  concurrency: number;
}

export interface ShopFixture {
  gateway: string;
  settings: ShopSettings;
  priceSkus: string[];
  distinctSkus: string[];
  hotSku: string;
  /** A fresh service token for inventory (they live 5 minutes: one per run). */
  reservationToken(): Promise<string>;
}

/** Prices for the batch read and stock for the reservations, set as the admin. */
export async function prepareShop(gateway: string, settings: ShopSettings): Promise<ShopFixture> {
  const token = await adminToken(gateway, settings.admin);
  const run = randomUUID().slice(0, 6).toUpperCase();
  const priceSkus = benchSkus(`P${run}`, BATCH_PRICE_SKUS);
  const distinctSkus = benchSkus(`R${run}`, settings.distinctSkus);
  const hotSku = `BENCH-HOT${run}`;
  await setPrices(gateway, token, priceSkus, settings.concurrency);
  await setStock(gateway, token, [...distinctSkus, hotSku], ON_HAND, settings.concurrency);
  const client = { ...settings.serviceClient, audience: 'inventory' };
  return {
    gateway,
    settings,
    priceSkus,
    distinctSkus,
    hotSku,
    reservationToken: () => serviceToken(gateway, client),
  };
}

function reservations(fixture: ShopFixture, skus: readonly string[]): () => Promise<PostSpec> {
  return async () => ({
    path: '/api/reservations',
    headers: { authorization: `Bearer ${await fixture.reservationToken()}` },
    template: '{"orderId":"ord_bench_$N","items":[{"sku":"$V","quantity":1}],"ttlSeconds":3600}',
    values: skus,
    runId: randomUUID().slice(0, 8),
  });
}

/** Embedded: with targets, paired with the bare reference of each round. */
export function buildShopScenarios(
  urls: { pricing: string; gateway: string },
  fixture: ShopFixture,
  reservationConnections: number,
): Scenario[] {
  const batch = `/prices?skus=${fixture.priceSkus.join(',')}&currency=USD`;
  return [
    {
      name: `pricing GET /prices?skus=(${BATCH_PRICE_SKUS})`,
      url: urls.pricing,
      paths: [batch],
    },
    {
      name: `gateway GET /api/prices?skus=(${BATCH_PRICE_SKUS})`,
      url: urls.gateway,
      paths: [`/api${batch}`],
      target: atLeastShareOfBare(0.3),
    },
    {
      name: `gateway POST /api/reservations (distinct SKUs, service token, ${reservationConnections} conns)`,
      url: urls.gateway,
      paths: ['/api/reservations'],
      post: reservations(fixture, fixture.distinctSkus),
      target: atLeastReqPerSec(2_000),
      connections: reservationConnections,
    },
    {
      name: `gateway POST /api/reservations (one hot SKU, service token, ${reservationConnections} conns)`,
      url: urls.gateway,
      paths: ['/api/reservations'],
      post: reservations(fixture, [fixture.hotSku]),
      target: atLeastReqPerSec(500),
      connections: reservationConnections,
    },
  ];
}

/** Distributed: the same requests, no targets (one round, another platform). */
export function buildDistributedShopScenarios(
  gateway: string,
  fixture: ShopFixture | undefined,
): Scenario[] {
  const skus = fixture?.priceSkus ?? benchSkus('P', BATCH_PRICE_SKUS);
  return [
    {
      name: `distributed GET /api/prices?skus=(${BATCH_PRICE_SKUS}) (PostgreSQL)`,
      url: gateway,
      unpaired: true,
      paths: [`/api/prices?skus=${skus.join(',')}&currency=USD`],
    },
    ...(['distinct SKUs', 'one hot SKU'] as const).map((kind): Scenario => ({
      name: `distributed POST /api/reservations (${kind}, DynamoDB, ${DISTRIBUTED_WRITES_LABEL})`,
      url: gateway,
      unpaired: true,
      ...DISTRIBUTED_WRITES,
      paths: ['/api/reservations'],
      ...(fixture
        ? {
            post: reservations(
              fixture,
              kind === 'one hot SKU' ? [fixture.hotSku] : fixture.distinctSkus,
            ),
          }
        : {}),
    })),
  ];
}

/**
 * After the reservation runs: units held beyond stock over every SKU they touched, and a
 * burst of 200 single-unit reservations against 10 on hand (exactly 10 must be held).
 */
export async function shopChecks(fixture: ShopFixture, label = ''): Promise<CheckReport[]> {
  const views = await readStock(fixture.gateway, [...fixture.distinctSkus, fixture.hotSku]);
  const oversold = oversoldUnits(views);
  const reserved = views.reduce((sum, view) => sum + view.reserved, 0);
  const tokens = {
    admin: await adminToken(fixture.gateway, fixture.settings.admin),
    service: await fixture.reservationToken(),
  };
  const burst = await contendForStock(
    fixture.gateway,
    tokens,
    CONTENTION.attempts,
    CONTENTION.onHand,
  );
  const burstOversold = Math.max(0, burst.held - burst.onHand, burst.reserved - burst.onHand);
  return [
    {
      name: `${label}oversold units after the reservation runs (${views.length} SKUs, ${reserved.toLocaleString('en-US')} units held)`,
      value: String(oversold),
      target: '0',
      result: oversold === 0 && views.length === fixture.distinctSkus.length + 1 ? 'PASS' : 'FAIL',
    },
    {
      name: `${label}${burst.attempts} reservations at once against ${burst.onHand} on hand: held (201s / reserved)`,
      value: `${burst.held} / ${burst.reserved}`,
      target: `${burst.onHand} / ${burst.onHand}`,
      result:
        burst.unexpected > 0
          ? 'FAILED'
          : burst.held === burst.onHand && burst.reserved === burst.onHand && burstOversold === 0
            ? 'PASS'
            : 'FAIL',
    },
  ];
}
