import {
  decodeCursor,
  encodeCursor,
  etagOf,
  isNotModified,
  requireAdmin,
  versionPrecondition,
  type HttpServer,
} from '@emporium/kit';
import type { PricingDeps } from '../../app/deps.ts';
import type { HistoryPosition } from '../../app/ports/price-store.ts';
import { readPriceHistory } from '../../app/use-cases/read-price-history.ts';
import { setPrice } from '../../app/use-cases/set-price.ts';
import {
  BatchQuery,
  CurrencyQuery,
  HistoryPageSchema,
  HistoryQuery,
  PriceBatchSchema,
  PriceSchema,
  PutPriceBody,
  ScheduledOnlySchema,
  SkuParams,
  periodView,
  priceView,
} from './price-schemas.ts';
import { Type } from 'typebox';
import { batchBody, priceJson } from './cached-reads.ts';
import type { PriceReadCache } from './price-read-cache.ts';

const tags = ['prices'];
const JSON_TYPE = 'application/json; charset=utf-8';
const security = [{ bearer: [] }];

const isPosition = (value: unknown): value is HistoryPosition =>
  typeof value === 'object' &&
  value !== null &&
  Number.isSafeInteger((value as HistoryPosition).validFrom) &&
  typeof (value as HistoryPosition).id === 'string';

/** PUT/GET /prices/{sku}, the batch read and the history (API.md "Pricing"). */
export function registerPriceRoutes(
  app: HttpServer,
  deps: PricingDeps,
  cache: PriceReadCache,
): void {
  app.put(
    '/prices/:sku',
    {
      onRequest: requireAdmin,
      schema: {
        tags,
        security,
        summary: 'Set a base, tier or scheduled price (If-Match optional)',
        params: SkuParams,
        body: PutPriceBody,
        response: { 200: PriceSchema, 202: ScheduledOnlySchema },
      },
    },
    async (request, reply) => {
      const { sku } = request.params;
      const current = await setPrice(deps, sku, request.body, versionPrecondition(request));
      // Tier changes commit no event: the cache learns of every write here.
      cache.bump();
      if (!current)
        return reply
          .status(202)
          .send({ sku, currency: request.body.currency, status: 'scheduled' as const });
      return reply.header('etag', etagOf(current.version)).send(priceView(current));
    },
  );

  app.get(
    '/prices/:sku',
    {
      schema: {
        tags,
        summary: 'The effective price now, with its 30-day lowest and tiers',
        params: SkuParams,
        querystring: CurrencyQuery,
        response: { 200: PriceSchema, 304: Type.Null({ description: 'Not modified' }) },
      },
    },
    async (request, reply) => {
      const price = await priceJson(deps, cache, request.params.sku, request.query.currency);
      const etag = etagOf(price.version);
      reply.header('etag', etag);
      if (isNotModified(request, etag)) return reply.status(304 as 200).send(undefined as never);
      return reply.type(JSON_TYPE).send(price.json as never);
    },
  );

  app.get(
    '/prices',
    {
      schema: {
        tags,
        summary: 'Effective prices of up to 100 SKUs; SKUs without a price are absent',
        querystring: BatchQuery,
        response: { 200: PriceBatchSchema },
      },
    },
    async (request, reply) => {
      // Encoded prices are joined, not re-serialised: the batch is on the storefront's hot path.
      const body = await batchBody(deps, cache, request.query.skus, request.query.currency);
      return reply.type(JSON_TYPE).send(body as never);
    },
  );

  app.get(
    '/prices/:sku/history',
    {
      schema: {
        tags,
        summary: 'Every effective unit price of the SKU, newest first',
        params: SkuParams,
        querystring: HistoryQuery,
        response: { 200: HistoryPageSchema },
      },
    },
    async (request) => {
      const { currency, limit, cursor } = request.query;
      const after = decodeCursor(cursor, isPosition);
      const page = await readPriceHistory(deps, {
        sku: request.params.sku,
        limit,
        ...(currency ? { currency } : {}),
        ...(after ? { after } : {}),
      });
      return {
        items: page.items.map(periodView),
        nextCursor: page.nextAfter ? encodeCursor(page.nextAfter) : null,
      };
    },
  );
}
