import {
  CommonErrors,
  childContext,
  currentTrace,
  formatTraceparent,
  type HttpServer,
  type TrustProxy,
} from '@emporium/kit';
import type { Readable } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { resolveRoute, type ServiceName } from '../../app/route-table.ts';
import { endToEndHeaders, type Upstream } from '../../app/upstream.ts';
import { CLIENT_CLAIMED_HEADERS, clientViewOf } from './client-address.ts';
import { opensEventStream, type OpenStreams } from './open-streams.ts';

/**
 * Forwards `/api/<resource>/…` to the owning service without parsing bodies (uploads
 * stream through), adding the request id, a child `traceparent` and the forwarded client
 * address and scheme (see client-address.ts). A service that is
 * down answers 502, one that is too slow 504, both as problem+json. Event streams flow
 * through as they come, with no timeout between chunks.
 */
export function registerProxyRoutes(
  app: HttpServer,
  upstreams: ReadonlyMap<ServiceName, Upstream>,
  trust: TrustProxy,
  streams: OpenStreams,
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
    for (const name of CLIENT_CLAIMED_HEADERS) delete headers[name];
    const socket = request.raw.socket as Partial<TLSSocket>;
    const client = clientViewOf(
      socket.remoteAddress ?? request.ip,
      request.headers,
      socket.encrypted === true,
      trust,
    );
    Object.assign(headers, client.headers);
    headers['x-request-id'] = request.id;
    headers['traceparent'] = formatTraceparent(childContext(currentTrace()));
    const stream = opensEventStream(request.url, request.headers);
    // A client that leaves destroys the response, which destroys the upstream body: the
    // service sees its connection close.
    if (stream) streams.track(reply.raw);
    const response = await upstream.forward({
      method: request.method,
      path: route.path,
      headers,
      body: request.body as Readable | undefined,
      stream,
    });
    return reply
      .status(response.status)
      .headers(endToEndHeaders(response.headers))
      .send(response.body);
  });
}
