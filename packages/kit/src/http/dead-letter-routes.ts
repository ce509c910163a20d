import { Type } from 'typebox';
import type { EventBus } from '../events/event-bus.ts';
import { CursorSchema, LimitSchema, decodeCursor } from '../pagination.ts';
import { requireAdmin } from './auth.ts';
import type { HttpServer } from './server.ts';

const CloudEventSchema = Type.Object({
  id: Type.String(),
  source: Type.String(),
  type: Type.String(),
  subject: Type.String(),
  time: Type.String(),
  data: Type.Unknown(),
});

export const DeadLetterSchema = Type.Object({
  id: Type.String(),
  service: Type.String(),
  group: Type.String(),
  event: CloudEventSchema,
  error: Type.String(),
  attempts: Type.Integer(),
  failedAt: Type.String(),
  status: Type.Union([Type.Literal('dead'), Type.Literal('redriven')]),
  redrivenAt: Type.Union([Type.String(), Type.Null()]),
});

/**
 * Every bus's cursor is the kit's base64url JSON (`encodeCursor`). Checking that here,
 * before any store sees it, makes a forged or truncated cursor a 400 INVALID_CURSOR
 * whatever the bus behind does with one (a store that hands it on as a start key
 * would fail with a 500).
 */
function assertReadableCursor(cursor: string | undefined): void {
  decodeCursor(
    cursor,
    (value): value is unknown =>
      typeof value === 'string' || (typeof value === 'object' && value !== null),
  );
}

/**
 * `GET /admin/dead-letters` and `POST /admin/dead-letters/{id}/redrive` for the
 * consumer groups of one service (groups are named `<service>.<purpose>`).
 */
export function registerDeadLetterRoutes(app: HttpServer, bus: EventBus, service: string): void {
  const tags = ['operations'];
  app.get(
    '/admin/dead-letters',
    {
      onRequest: requireAdmin,
      schema: {
        tags,
        summary: 'Events that exhausted their retries, with the last error',
        security: [{ bearer: [] }],
        querystring: Type.Object({ limit: LimitSchema, cursor: Type.Optional(CursorSchema) }),
        response: {
          200: Type.Object({
            items: Type.Array(DeadLetterSchema),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async (request) => {
      assertReadableCursor(request.query.cursor);
      const page = await bus.listDeadLetters({
        groupPrefix: service,
        limit: request.query.limit,
        cursor: request.query.cursor,
      });
      return {
        items: page.items.map((item) => ({ ...item, service })),
        nextCursor: page.nextCursor,
      };
    },
  );
  app.post(
    '/admin/dead-letters/:id/redrive',
    {
      onRequest: requireAdmin,
      schema: {
        tags,
        summary: 'Delivers a dead letter to its consumer again',
        security: [{ bearer: [] }],
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: DeadLetterSchema },
      },
    },
    async (request) => ({ ...(await bus.redrive(request.params.id, service)), service }),
  );
}
