import type { FastifyInstance, RouteOptions } from 'fastify';

/** The query of a route that declares none: no parameter at all. */
const NO_PARAMETERS = { type: 'object', properties: {}, additionalProperties: false } as const;

interface ObjectSchema {
  type?: unknown;
  additionalProperties?: unknown;
}

function isObjectSchema(schema: unknown): schema is ObjectSchema {
  return (
    typeof schema === 'object' && schema !== null && (schema as ObjectSchema).type === 'object'
  );
}

/**
 * A route whose path ends in a wildcard hands the rest of the URL on (proxies, static
 * files) and owns its query string; every other route's query is closed.
 */
function ownsItsQuery(route: RouteOptions): boolean {
  return route.url.endsWith('*');
}

/**
 * Unknown query parameters are a 400 problem on every route: a route's querystring schema
 * is closed (`additionalProperties: false`) unless it says otherwise, and a route without
 * one gets an empty closed one. So a misspelt filter is reported rather than ignored, and
 * junk parameters never reach a handler or a cache key.
 */
export function closeQueryStrings(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (ownsItsQuery(route)) return;
    const schema = route.schema ?? {};
    const query: unknown = schema.querystring;
    if (query === undefined) {
      route.schema = { ...schema, querystring: NO_PARAMETERS };
    } else if (isObjectSchema(query) && query.additionalProperties === undefined) {
      route.schema = { ...schema, querystring: { ...query, additionalProperties: false } };
    }
  });
}
