import {
  decodeCursor,
  encodeCursor,
  etagOf,
  isNotModified,
  requireAdmin,
  requireInternal,
  versionPrecondition,
  type HttpServer,
} from '@emporium/kit';
import type { FastifyReply } from 'fastify';
import { Type, type Static } from 'typebox';
import type { PromotionDeps } from '../../app/promotion-deps.ts';
import { createPromotion } from '../../app/use-cases/create-promotion.ts';
import { changePromotion } from '../../app/use-cases/revise-promotion.ts';
import { getPromotion, listPromotions } from '../../app/use-cases/read-promotions.ts';
import {
  getRedemption,
  redeemPromotion,
  releaseRedemption,
} from '../../app/use-cases/redeem-promotion.ts';
import type { Promotion } from '../../domain/promotion.ts';
import {
  CodeParams,
  PromotionBody,
  PromotionListQuery,
  PromotionPatchBody,
  PromotionPageSchema,
  PromotionSchema,
  RedemptionBody,
  RedemptionParams,
  RedemptionSchema,
} from './promotion-schemas.ts';
import { promotionView, redemptionView } from './promotion-views.ts';

const tags = ['promotions'];
const security = [{ bearer: [] }];
const admin = { onRequest: requireAdmin };
const isCode = (value: unknown): value is string => typeof value === 'string';

/**
 * Promotions (admin) and their redemptions (internal: a pricing service token or an
 * admin). Redeeming an order that already holds the promotion answers 200 with the same
 * redemption; a new one answers 201.
 */
export function registerPromotionRoutes(app: HttpServer, deps: PromotionDeps): void {
  const internal = { onRequest: requireInternal('pricing') };

  app.post(
    '/promotions',
    {
      ...admin,
      schema: {
        tags,
        security,
        summary: 'Create a promotion',
        body: PromotionBody,
        response: { 201: PromotionSchema },
      },
    },
    async (request, reply) => {
      const promotion = await createPromotion(deps, inputOf(request.body));
      reply.status(201).header('location', `/promotions/${promotion.code}`);
      return withEtag(reply, promotion);
    },
  );

  app.get(
    '/promotions',
    {
      ...admin,
      schema: {
        tags,
        security,
        summary: 'Promotions, by code',
        querystring: PromotionListQuery,
        response: { 200: PromotionPageSchema },
      },
    },
    async (request) => {
      const after = decodeCursor(request.query.cursor, isCode);
      const page = await listPromotions(deps, { limit: request.query.limit, after });
      return {
        items: page.items.map(promotionView),
        nextCursor: page.next === null ? null : encodeCursor(page.next),
      };
    },
  );

  app.get(
    '/promotions/:code',
    {
      ...admin,
      schema: {
        tags,
        security,
        summary: 'One promotion, with its uses',
        params: CodeParams,
        response: { 200: PromotionSchema, 304: Type.Null() },
      },
    },
    async (request, reply) => {
      const promotion = await getPromotion(deps, request.params.code);
      if (isNotModified(request, etagOf(promotion.version)))
        return reply.header('etag', etagOf(promotion.version)).status(304).send(null);
      return withEtag(reply, promotion);
    },
  );

  app.patch(
    '/promotions/:code',
    {
      ...admin,
      schema: {
        tags,
        security,
        summary: 'Change a promotion (not its code or kind); If-Match makes a stale version a 412',
        params: CodeParams,
        body: PromotionPatchBody,
        response: { 200: PromotionSchema },
      },
    },
    async (request, reply) => {
      const promotion = await changePromotion(
        deps,
        request.params.code,
        changesOf(request.body),
        versionPrecondition(request),
      );
      return withEtag(reply, promotion);
    },
  );

  app.post(
    '/promotions/:code/redemptions',
    {
      ...internal,
      schema: {
        tags,
        security,
        summary: 'Take one use for an order (idempotent per order: 200 with the same redemption)',
        params: CodeParams,
        body: RedemptionBody,
        response: { 200: RedemptionSchema, 201: RedemptionSchema },
      },
    },
    async (request, reply) => {
      const { redemption, created } = await redeemPromotion(deps, {
        code: request.params.code,
        ...request.body,
      });
      reply.status(created ? 201 : 200);
      return redemptionView(redemption);
    },
  );

  app.get(
    '/promotions/:code/redemptions/:orderId',
    {
      ...internal,
      schema: {
        tags,
        security,
        summary: 'The order’s redemption, active or released',
        params: RedemptionParams,
        response: { 200: RedemptionSchema },
      },
    },
    async (request) => redemptionView(await getRedemption(deps, request.params)),
  );

  app.delete(
    '/promotions/:code/redemptions/:orderId',
    {
      ...internal,
      schema: {
        tags,
        security,
        summary: 'Give the order’s use back (204 also when it was released already)',
        params: RedemptionParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await releaseRedemption(deps, request.params);
      return reply.status(204).send(null);
    },
  );
}

function withEtag(reply: FastifyReply, promotion: Promotion) {
  reply.header('etag', etagOf(promotion.version));
  return promotionView(promotion);
}

const instantOf = (value: string | null) => (value === null ? null : Date.parse(value));

function changesOf(body: Static<typeof PromotionPatchBody>) {
  const { startsAt, endsAt, ...rest } = body;
  return {
    ...rest,
    ...(startsAt === undefined ? {} : { startsAt: instantOf(startsAt) }),
    ...(endsAt === undefined ? {} : { endsAt: instantOf(endsAt) }),
  };
}

function inputOf(body: Static<typeof PromotionBody>) {
  const { startsAt, endsAt, ...rest } = body;
  return {
    ...rest,
    ...(startsAt === undefined ? {} : { startsAt: Date.parse(startsAt) }),
    ...(endsAt === undefined ? {} : { endsAt: Date.parse(endsAt) }),
  };
}
