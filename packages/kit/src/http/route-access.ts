import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify';

/**
 * Who a route is for, as the OpenAPI document states it (`x-emporium-access` on the
 * operation), so tools and tests can list the admin and internal surface of a service from
 * its `/openapi.json` alone: the security suite calls every such route as a customer and
 * anonymously and expects a refusal, so a route added later is covered without a test edit.
 */
export type RouteAccess = 'admin' | 'internal';

export const ROUTE_ACCESS_EXTENSION = 'x-emporium-access';

const ACCESS = Symbol.for('emporium.route-access');

type Hook = (...args: never[]) => unknown;

/** Tags a guard hook (requireAdmin, requireInternal's guard) with the access it enforces. */
export function markAccess<T extends Hook>(hook: T, access: RouteAccess): T {
  Object.defineProperty(hook, ACCESS, { value: access });
  return hook;
}

function accessOfHooks(hooks: unknown): RouteAccess | undefined {
  for (const hook of Array.isArray(hooks) ? hooks : [hooks]) {
    const access = (hook as { [ACCESS]?: RouteAccess } | undefined)?.[ACCESS];
    if (access) return access;
  }
  return undefined;
}

/** The access a route's guard hooks enforce, if any (the first tagged hook wins). */
export function routeAccessOf(
  route: Pick<RouteOptions, 'onRequest' | 'preHandler' | 'preValidation'>,
): RouteAccess | undefined {
  return (
    accessOfHooks(route.onRequest) ??
    accessOfHooks(route.preValidation) ??
    accessOfHooks(route.preHandler)
  );
}

/**
 * Writes `x-emporium-access` into the schema of every route guarded by a tagged hook, unless
 * the route states one itself (a route that checks the role in its handler must).
 */
export function documentRouteAccess(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const schema = (route.schema ?? {}) as Record<string, unknown>;
    if (schema[ROUTE_ACCESS_EXTENSION] !== undefined) return;
    const access = routeAccessOf(route);
    if (access) route.schema = { ...schema, [ROUTE_ACCESS_EXTENSION]: access } as FastifySchema;
  });
}
