import {
  clientFor,
  DeadLetterPageSchema,
  DeadLetterSchema,
  type DeadLetterView,
  type OperationsClient,
} from '@emporium/contracts';
import type { ServiceClient } from '@emporium/kit';
import {
  BusErrors,
  CommonErrors,
  CursorSchema,
  decodeCursor,
  encodeCursor,
  isAppError,
  ROUTE_ACCESS_EXTENSION,
  type HttpServer,
} from '@emporium/kit';
import { Type } from 'typebox';
import { isServiceName, type ServiceName } from '../../app/route-table.ts';

const tags = ['operations'];
const security = [{ bearer: [] }];
/** Guarded by the edge rule for /api/admin (admin-guard.ts); the OpenAPI document says so. */
const access = { [ROUTE_ACCESS_EXTENSION]: 'admin' } as const;

/** Where the next page starts: a service, and that service's own cursor (null: its first page). */
interface Position {
  s: string;
  c: string | null;
}

/**
 * Cross-service operations: dead letters of every service, and the health of each.
 * Every call goes through the service's typed client from @emporium/contracts.
 */
export function registerAdminRoutes(
  app: HttpServer,
  connections: ReadonlyMap<ServiceName, ServiceClient>,
): void {
  const clients = new Map(
    [...connections].map(([name, http]) => [name, clientFor(name, http)] as const),
  );

  app.get(
    '/api/admin/dead-letters',
    {
      schema: {
        tags,
        security,
        ...access,
        summary: 'Dead letters of every service (or one, with ?service=)',
        querystring: Type.Object({
          service: Type.Optional(Type.String({ maxLength: 40 })),
          limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
          cursor: Type.Optional(CursorSchema),
        }),
        response: { 200: DeadLetterPageSchema },
      },
    },
    async (request) => {
      const { service, limit } = request.query;
      if (service && !isServiceName(service))
        throw CommonErrors.VALIDATION_FAILED.create(`Unknown service ${service}`);
      const position = decodeCursor(request.query.cursor, isPosition);
      const names = [...clients.keys()].filter((name) => !service || name === service).sort();
      const authorization = request.headers.authorization;
      const items: DeadLetterView[] = [];
      let next: Position | null = null;
      for (const name of names) {
        if (position && name < position.s) continue;
        let cursor = position && name === position.s ? position.c : null;
        do {
          const page = await clients
            .get(name)!
            // A service's 4xx keeps its status and code: a forged inner cursor is a 400, not a 502.
            .deadLetters({ limit: limit - items.length, cursor }, { authorization });
          items.push(...page.items);
          cursor = page.nextCursor;
        } while (cursor && items.length < limit);
        if (items.length >= limit) {
          const following = names[names.indexOf(name) + 1];
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
        ...access,
        summary: 'Redrive a dead letter in whichever service holds it',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: DeadLetterSchema },
      },
    },
    async (request) => {
      const authorization = request.headers.authorization;
      for (const client of clients.values()) {
        const redriven = await client.redrive(request.params.id, { authorization });
        if (redriven) return redriven;
      }
      throw BusErrors.DEAD_LETTER_NOT_FOUND.create(`No dead letter ${request.params.id}`);
    },
  );

  app.get(
    '/api/admin/system',
    {
      schema: {
        tags,
        security,
        ...access,
        summary: 'Health and circuit-breaker state of every service',
      },
    },
    async () => ({ services: await Promise.all([...clients.values()].map(systemStateOf)) }),
  );
}

async function systemStateOf(client: OperationsClient) {
  try {
    const readiness = await client.readiness();
    return { service: client.service, status: readiness.status, breaker: client.breakerState() };
  } catch (error) {
    return {
      service: client.service,
      status: 'unreachable',
      error: isAppError(error) ? error.message : String(error),
      breaker: client.breakerState(),
    };
  }
}

function isPosition(value: unknown): value is Position {
  const position = value as { s?: unknown; c?: unknown } | null;
  return typeof position?.s === 'string' && (position.c === null || typeof position.c === 'string');
}
