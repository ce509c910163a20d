import { requireAdmin, type HttpServer } from '@emporium/kit';
import type { OrdersDeps } from '../../app/deps.ts';
import { readReturn } from '../../app/use-cases/read-orders.ts';
import { receiveReturn, requestReturn } from '../../app/use-cases/returns.ts';
import { callerOf, requireUser } from './order-routes.ts';
import { IdParams, ReturnBody, ReturnSchema } from './schemas.ts';
import { returnView } from './views.ts';

const tags = ['returns'];
const security = [{ bearer: [] }];

export function registerReturnRoutes(app: HttpServer, deps: OrdersDeps): void {
  app.post(
    '/orders/:id/returns',
    {
      onRequest: requireUser,
      schema: {
        tags,
        security,
        summary: 'Return units of a delivered order (owner): 201 with the return, requested',
        params: IdParams,
        body: ReturnBody,
        response: { 201: ReturnSchema },
      },
    },
    async (request, reply) => {
      const ret = await requestReturn(deps, callerOf(request), request.params.id, request.body);
      reply.status(201).header('location', `/returns/${ret.id}`);
      return returnView(ret);
    },
  );

  app.get(
    '/returns/:id',
    {
      onRequest: requireUser,
      schema: {
        tags,
        security,
        summary: 'A return (owner of its order or admin)',
        params: IdParams,
        response: { 200: ReturnSchema },
      },
    },
    async (request) => returnView(await readReturn(deps, callerOf(request), request.params.id)),
  );

  app.post(
    '/returns/:id/receive',
    {
      onRequest: requireAdmin,
      schema: {
        tags,
        security,
        summary: 'Admin: the goods are back: stock put back, refund through the payment provider',
        params: IdParams,
        response: { 200: ReturnSchema },
      },
    },
    async (request) => returnView(await receiveReturn(deps, request.params.id)),
  );
}
