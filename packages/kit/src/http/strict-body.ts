import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { CommonErrors } from '../errors.ts';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function acceptsBody(route: RouteOptions): boolean {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  return methods.some((method) => BODY_METHODS.has(method));
}

/** Proxies hand the request on whole, and uploads read their own stream: they own their body. */
function ownsItsBody(route: RouteOptions): boolean {
  return route.url.endsWith('*') || route.schema?.consumes !== undefined;
}

function rejectFields(request: FastifyRequest): void {
  const body: unknown = request.body;
  if (body === undefined || body === null) return;
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw CommonErrors.VALIDATION_FAILED.create('Invalid body: this route takes no body', {
      errors: [{ field: 'body', message: 'is not allowed' }],
    });
  }
  const fields = Object.keys(body);
  if (fields.length === 0) return;
  const errors = fields.map((field) => ({ field: `body.${field}`, message: 'is not allowed' }));
  throw CommonErrors.VALIDATION_FAILED.create(
    `Invalid body: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
    { errors },
  );
}

/**
 * A route that declares no body takes none: fields sent to it are a 400 problem, as unknown
 * fields are on every route with a body schema. So `POST /carts {"currency":"EUR"}` says the
 * field is not one the route knows instead of creating a cart that ignored it. An empty body,
 * `{}` or `null` is still no body.
 */
export function closeBodies(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (!acceptsBody(route) || ownsItsBody(route) || route.schema?.body !== undefined) return;
    const own = route.preValidation;
    const hooks = own === undefined ? [] : Array.isArray(own) ? own : [own];
    route.preValidation = [
      async (request: FastifyRequest) => rejectFields(request),
      ...hooks,
    ] as RouteOptions['preValidation'];
  });
}
