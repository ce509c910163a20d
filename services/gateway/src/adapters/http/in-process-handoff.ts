import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { childContext, formatTraceparent, parseTraceparent, type HttpMetrics } from '@emporium/kit';
import type { FastifyInstance, FastifyServerFactory } from 'fastify';
import { resolveRoute, type ServiceName } from '../../app/route-table.ts';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Embedded mode: services that share the gateway's process get the client's request
 * handed straight to their router, with the path rewritten and the request id and a
 * child traceparent added, exactly what they would receive over HTTP. The response
 * goes from the service to the client's socket: no second parse, no second socket.
 * Everything else (admin routes, services elsewhere) goes through the gateway app.
 */
export function handoffServerFactory(
  services: ReadonlyMap<ServiceName, FastifyInstance>,
  metrics: HttpMetrics,
): FastifyServerFactory {
  return (gatewayHandler) =>
    createServer((request, response) => {
      if (!handOff(services, request, response, metrics)) gatewayHandler(request, response);
    });
}

function handOff(
  services: ReadonlyMap<ServiceName, FastifyInstance>,
  request: IncomingMessage,
  response: ServerResponse,
  metrics: HttpMetrics,
): boolean {
  const url = request.url ?? '';
  if (!url.startsWith('/api/')) return false;
  const route = resolveRoute(url);
  const target = route && services.get(route.service);
  if (!route || !target) return false;
  const requestId = request.headers['x-request-id'];
  if (typeof requestId !== 'string' || !SAFE_REQUEST_ID.test(requestId))
    delete request.headers['x-request-id'];
  request.headers.traceparent = formatTraceparent(
    childContext(parseTraceparent(firstValue(request.headers.traceparent))),
  );
  request.url = route.path;
  const method = request.method ?? 'GET';
  const routeLabel = `/api/${route.service}`;
  const started = performance.now();
  response.once('finish', () =>
    metrics.stats
      .series(method, routeLabel, response.statusCode)
      .record((performance.now() - started) / 1000),
  );
  target.routing(request, response);
  return true;
}

function firstValue(header: string | string[] | undefined): string | undefined {
  return Array.isArray(header) ? header[0] : header;
}
