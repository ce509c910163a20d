import type { ServiceClient } from '@emporium/kit';
import {
  BusErrors,
  CommonErrors,
  CursorSchema,
  DeadLetterSchema,
  decodeCursor,
  encodeCursor,
  isAppError,
  type HttpServer,
} from '@emporium/kit';
import { Type, type Static } from 'typebox';
import { isServiceName, type ServiceName } from '../../app/route-table.ts';

type DeadLetter = Static<typeof DeadLetterSchema>;
type Page = { items: DeadLetter[]; nextCursor: string | null };

const tags = ['operations'];
const security = [{ bearer: [] }];

/** Cross-service operations: dead letters of every service, and the health of each. */
export function registerAdminRoutes(
  app: HttpServer,
  clients: ReadonlyMap<ServiceName, ServiceClient>,
): void {
  app.get(
    '/api/admin/dead-letters',
    {
      schema: {
        tags,
        security,
        summary: 'Dead letters of every service (or one, with ?service=)',
        querystring: Type.Object({
          service: Type.Optional(Type.String({ maxLength: 40 })),
          limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
          cursor: Type.Optional(CursorSchema),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(DeadLetterSchema),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async (request) => {
      const { service, limit } = request.query;
      const position = decodeCursor(request.query.cursor, isPosition);
      const services = [...clients.keys()].filter((name) => !service || name === service).sort();
      if (service && !isServiceName(service))
        throw CommonErrors.VALIDATION_FAILED.create(`Unknown service ${service}`);
      const items: DeadLetter[] = [];
      let next: { s: string; c: string | null } | null = null;
      for (const name of services) {
        if (position && name < position.s) continue;
        let cursor = position && name === position.s ? position.c : null;
        do {
          const page = await fetchPage(
            clients.get(name)!,
            request.headers.authorization,
            limit - items.length,
            cursor,
          );
          items.push(...page.items);
          cursor = page.nextCursor;
        } while (cursor && items.length < limit);
        if (items.length >= limit) {
          const following = services[services.indexOf(name) + 1];
          next = cursor ? { s: name, c: cursor } : following ? { s: following, c: null } : null;
          break;
        }
      }
      return { items, nextCursor: next ? encodeCursor(next) : null };
    },
  );

  app.post(
    '/api/admin/dead-letters/:id/redrive',
    {
      schema: {
        tags,
        security,
        summary: 'Redrive a dead letter in whichever service holds it',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: DeadLetterSchema },
      },
    },
    async (request, reply) => {
      for (const client of clients.values()) {
        const response = await client.request<DeadLetter>({
          method: 'POST',
          path: `/admin/dead-letters/${encodeURIComponent(request.params.id)}/redrive`,
          headers: authHeader(request.headers.authorization),
        });
        if (response.status !== 404)
          return reply
            .status(response.status as 200)
            .type(response.status >= 400 ? 'application/problem+json' : 'application/json')
            .send(response.body);
      }
      throw BusErrors.DEAD_LETTER_NOT_FOUND.create(`No dead letter ${request.params.id}`);
    },
  );

  app.get(
    '/api/admin/system',
    { schema: { tags, security, summary: 'Health and circuit-breaker state of every service' } },
    async () => {
      const services = await Promise.all(
        [...clients.entries()].map(async ([name, client]) => {
          try {
            const health = await client.request<{ status: string }>({
              method: 'GET',
              path: '/health/ready',
            });
            return {
              service: name,
              status: health.body?.status ?? 'unknown',
              breaker: client.breakerState(),
            };
          } catch (error) {
            return {
              service: name,
              status: 'unreachable',
              error: isAppError(error) ? error.message : String(error),
              breaker: client.breakerState(),
            };
          }
        }),
      );
      return { services };
    },
  );
}

async function fetchPage(
  client: ServiceClient,
  authorization: string | undefined,
  limit: number,
  cursor: string | null,
): Promise<Page> {
  const response = await client.request<Page & { code?: string; detail?: string }>({
    method: 'GET',
    path: '/admin/dead-letters',
    query: { limit, cursor: cursor ?? undefined },
    headers: authHeader(authorization),
  });
  if (response.status === 401 || response.status === 403) {
    throw (response.status === 401 ? CommonErrors.UNAUTHENTICATED : CommonErrors.FORBIDDEN).create(
      response.body.detail,
    );
  }
  // A service without consumers has no dead-letter routes.
  if (response.status === 404 && response.body.code === 'COMMON.ROUTE_NOT_FOUND')
    return { items: [], nextCursor: null };
  if (response.status >= 400)
    throw CommonErrors.UPSTREAM_UNAVAILABLE.create(
      response.body.detail ?? `dead letters answered ${response.status}`,
    );
  return response.body;
}

function authHeader(authorization: string | undefined): Record<string, string> {
  return authorization ? { authorization } : {};
}

function isPosition(value: unknown): value is { s: string; c: string | null } {
  const position = value as { s?: unknown; c?: unknown } | null;
  return typeof position?.s === 'string' && (position.c === null || typeof position.c === 'string');
}
