import {
  etagOf,
  isNotModified,
  requireAdmin,
  versionPrecondition,
  markAccess,
  type HttpServer,
} from '@emporium/kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { InventoryDeps } from '../../app/deps.ts';
import { auditTrail } from '../../app/use-cases/audit-trail.ts';
import { adjustStock, setStock } from '../../app/use-cases/set-stock.ts';
import { readStock, readStockBatch } from '../../app/use-cases/stock-view.ts';
import { InventoryErrors } from '../../domain/errors.ts';
import {
  AdjustmentBody,
  AdjustmentPageSchema,
  LocationsSchema,
  PageQuery,
  SetStockBody,
  SKU_PATTERN,
  SkuParams,
  StockBatchQuery,
  StockBatchSchema,
  StockSchema,
} from './schemas.ts';

const tags = ['inventory'];
/** An adjustment's Idempotency-Key: 1 to 128 visible ASCII characters, as on POST /orders. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;
const admin = { onRequest: requireAdmin };
/**
 * Adjustments: admins, and services holding an inventory token (orders puts the stock of a
 * cancelled or returned order back); anyone else is refused as on an admin route.
 */
const adminOrService = {
  // An admin route as far as the public is concerned (the OpenAPI operation says so).
  onRequest: markAccess(async function requireAdminOrInventoryService(
    request: FastifyRequest,
    reply: FastifyReply,
  ) {
    const principal = request.principal;
    if (principal?.roles.includes('service') && principal.audience === 'inventory') return;
    await requireAdmin(request, reply);
  }, 'admin'),
};
const security = [{ bearer: [] }];
const skuPattern = new RegExp(SKU_PATTERN);

export function registerStockRoutes(app: HttpServer, deps: InventoryDeps): void {
  app.put(
    '/inventory/:sku',
    {
      ...admin,
      schema: {
        tags,
        security,
        summary: 'Count the stock of a SKU at a location (the first when none is named)',
        params: SkuParams,
        body: SetStockBody,
        response: { 200: StockSchema },
      },
    },
    async (request, reply) => {
      const precondition = versionPrecondition(request);
      const level = await setStock(deps, {
        sku: request.params.sku,
        ...request.body,
        actor: request.principal!.userId,
        ...(precondition ? { precondition } : {}),
      });
      return reply.header('etag', etagOf(level.version)).send(level);
    },
  );

  app.get(
    '/inventory/:sku',
    {
      schema: {
        tags,
        summary: 'The stock of a SKU across locations (404 when never stocked)',
        params: SkuParams,
        response: { 200: StockSchema, 304: Type.Null({ description: 'Not modified' }) },
      },
    },
    async (request, reply) => {
      const level = await readStock(deps, request.params.sku);
      const etag = etagOf(level.version);
      reply.header('etag', etag);
      if (isNotModified(request, etag)) return reply.status(304 as 200).send(undefined as never);
      return level;
    },
  );

  app.get(
    '/inventory',
    {
      schema: {
        tags,
        summary: 'The stock of up to 100 SKUs',
        querystring: StockBatchQuery,
        response: { 200: StockBatchSchema },
      },
    },
    async (request) => readStockBatch(deps, skusOf(request.query.skus)),
  );

  app.post(
    '/inventory/:sku/adjustments',
    {
      ...adminOrService,
      schema: {
        tags,
        security,
        summary:
          'Move on hand by a delta, with a reason (never below zero available); an Idempotency-Key makes a repeat the same adjustment (200, nothing changes) and the key with another body a 422',
        params: SkuParams,
        body: AdjustmentBody,
        response: { 200: StockSchema, 201: StockSchema },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      if (key !== undefined && (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)))
        throw InventoryErrors.IDEMPOTENCY_KEY_INVALID.create();
      const { level, replayed } = await adjustStock(deps, {
        sku: request.params.sku,
        ...request.body,
        actor: request.principal!.userId,
        ...(key !== undefined ? { idempotencyKey: key } : {}),
      });
      return reply
        .status(replayed ? 200 : 201)
        .header('etag', etagOf(level.version))
        .header('idempotent-replayed', String(replayed))
        .send(level);
    },
  );

  app.get(
    '/inventory/:sku/adjustments',
    {
      ...admin,
      schema: {
        tags,
        security,
        summary: 'The audit trail of a SKU, newest first',
        params: SkuParams,
        querystring: PageQuery,
        response: { 200: AdjustmentPageSchema },
      },
    },
    async (request) =>
      auditTrail(deps, request.params.sku, {
        limit: request.query.limit ?? 20,
        ...(request.query.cursor ? { cursor: request.query.cursor } : {}),
      }),
  );

  app.get(
    '/locations',
    {
      schema: {
        tags,
        summary: 'The stock locations, in allocation order',
        response: { 200: LocationsSchema },
      },
    },
    async () => ({
      items: deps.locations.map((id, index) => ({ id, allocationOrder: index + 1 })),
    }),
  );
}

function skusOf(list: string): string[] {
  const skus = list.split(',').filter((sku) => sku !== '');
  const bad = skus.find((sku) => !skuPattern.test(sku));
  if (bad !== undefined || skus.length === 0)
    throw InventoryErrors.INVALID_SKU.create(`"${(bad ?? '').slice(0, 70)}" is not a SKU`);
  return skus;
}
