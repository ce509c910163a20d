import {
  CommonErrors,
  decodeCursor,
  encodeCursor,
  isAdmin,
  requireAdmin,
  type HttpServer,
} from '@emporium/kit';
import type { FastifyRequest } from 'fastify';
import type { OrdersDeps } from '../../app/deps.ts';
import type { SagaRunner } from '../../app/saga-runner.ts';
import { advanceOrder, cancelOrder } from '../../app/use-cases/change-status.ts';
import { placeOrder } from '../../app/use-cases/place-order.ts';
import { listOrders, readOrder, type Caller } from '../../app/use-cases/read-orders.ts';
import type { ShippingOptionsCache } from '../../app/use-cases/shipping-options.ts';
import { OrdersErrors } from '../../domain/errors.ts';
import {
  IdParams,
  ListQuery,
  OrderPageSchema,
  OrderSchema,
  PlaceOrderBody,
  ShippingOptionsSchema,
  ShippingQuery,
} from './schemas.ts';
import { orderView } from './views.ts';

const tags = ['orders'];
const security = [{ bearer: [] }];
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;

/** preHandler of customer routes: a signed-in user (customer or admin), not a service. */
export async function requireUser(request: FastifyRequest): Promise<void> {
  const principal = request.principal;
  if (!principal || principal.roles.includes('service'))
    throw CommonErrors.UNAUTHENTICATED.create('This route needs a signed-in customer');
}

export function callerOf(request: FastifyRequest): Caller {
  return { userId: request.principal!.userId, admin: isAdmin(request) };
}

const isString = (value: unknown): value is string => typeof value === 'string';

export function registerOrderRoutes(
  app: HttpServer,
  deps: OrdersDeps,
  runner: SagaRunner,
  shipping: ShippingOptionsCache,
): void {
  app.get(
    '/shipping-options',
    {
      schema: {
        tags,
        summary: 'Shipping options to a country, with its tax rate (from pricing, cached)',
        querystring: ShippingQuery,
        response: { 200: ShippingOptionsSchema },
      },
    },
    async (request) => {
      try {
        return await shipping.list(request.query.country, request.query.currency);
      } catch (error) {
        if ((error as { code?: string }).code === 'PRICING.COUNTRY_UNSUPPORTED')
          throw OrdersErrors.COUNTRY_UNSUPPORTED.create(
            `Nothing is shipped to ${request.query.country.toUpperCase()}`,
          );
        throw error;
      }
    },
  );

  app.post(
    '/orders',
    {
      onRequest: requireUser,
      schema: {
        tags,
        security,
        summary:
          'Place an order from a cart (Idempotency-Key required): runs the checkout saga; 201 with the order as it ended (confirmed, rejected with a reason, or pending while an upstream is down)',
        body: PlaceOrderBody,
        response: { 201: OrderSchema },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key))
        throw OrdersErrors.IDEMPOTENCY_KEY_REQUIRED.create();
      const answer = await placeOrder(deps, runner, shipping, {
        userId: request.principal!.userId,
        idempotencyKey: key,
        body: request.body,
      });
      const body = answer.body as { id: string };
      reply
        .status(answer.status as 201)
        .header('location', `/orders/${body.id}`)
        .header('idempotent-replayed', String(answer.replayed));
      return answer.body as never;
    },
  );

  app.get(
    '/orders',
    {
      onRequest: requireUser,
      schema: {
        tags,
        security,
        summary: 'Own orders, newest first; admins see all, or one customer with userId',
        querystring: ListQuery,
        response: { 200: OrderPageSchema },
      },
    },
    async (request) => {
      const after = decodeCursor(request.query.cursor, isString);
      const page = await listOrders(deps, callerOf(request), {
        limit: request.query.limit ?? 20,
        ...(request.query.userId ? { userId: request.query.userId } : {}),
        ...(after === undefined ? {} : { after }),
      });
      return {
        items: page.items.map((order) => orderView(order)),
        nextCursor: page.next === null ? null : encodeCursor(page.next),
      };
    },
  );

  app.get(
    '/orders/:id',
    {
      onRequest: requireUser,
      schema: {
        tags,
        security,
        summary:
          'An order (owner or admin; 404 to anyone else) with lines, totals, history, returns',
        params: IdParams,
        response: { 200: OrderSchema },
      },
    },
    async (request) => {
      const { order, returns } = await readOrder(deps, callerOf(request), request.params.id);
      return orderView(order, returns);
    },
  );

  app.post(
    '/orders/:id/cancel',
    {
      onRequest: requireUser,
      schema: {
        tags,
        security,
        summary: 'Cancel a confirmed order (owner): stock back, payment voided; 409 otherwise',
        params: IdParams,
        response: { 200: OrderSchema },
      },
    },
    async (request) =>
      orderView(await cancelOrder(deps, runner, callerOf(request), request.params.id)),
  );

  for (const [action, status] of [
    ['ship', 'shipped'],
    ['deliver', 'delivered'],
  ] as const) {
    app.post(
      `/orders/:id/${action}`,
      {
        onRequest: requireAdmin,
        schema: {
          tags,
          security,
          summary: `Admin: the order is ${status} (409 when its status does not allow it)`,
          params: IdParams,
          response: { 200: OrderSchema },
        },
      },
      async (request) => orderView(await advanceOrder(deps, request.params.id, status)),
    );
  }
}
