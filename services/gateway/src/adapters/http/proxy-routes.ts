import {
  CommonErrors,
  childContext,
  currentTrace,
  formatTraceparent,
  type HttpServer,
} from '@emporium/kit';
import type { Readable } from 'node:stream';
import { resolveRoute, type ServiceName } from '../../app/route-table.ts';
import { endToEndHeaders, type Upstream } from '../../app/upstream.ts';

/**
 * Forwards `/api/<resource>/…` to the owning service without parsing bodies (uploads
 * stream through), adding the request id and a child `traceparent`. A service that is
 * down answers 502, one that is too slow 504, both as problem+json.
 */
export function registerProxyRoutes(
  app: HttpServer,
  upstreams: ReadonlyMap<ServiceName, Upstream>,
): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  app.all('/api/*', { schema: { hide: true } }, async (request, reply) => {
    const route = resolveRoute(request.url);
    if (!route)
      throw CommonErrors.ROUTE_NOT_FOUND.create(`No API resource at ${request.url.split('?')[0]}`);
    const upstream = upstreams.get(route.service);
    if (!upstream)
      throw CommonErrors.UPSTREAM_UNAVAILABLE.create(
        `The ${route.service} service is not deployed`,
      );
    const headers = endToEndHeaders(request.headers, true);
    headers['x-request-id'] = request.id;
    headers['traceparent'] = formatTraceparent(childContext(currentTrace()));
    headers['x-forwarded-for'] = request.ip;
    const response = await upstream.forward({
      method: request.method,
      path: route.path,
      headers,
      body: request.body as Readable | undefined,
    });
    return reply
      .status(response.status)
      .headers(endToEndHeaders(response.headers))
      .send(response.body);
  });
}
