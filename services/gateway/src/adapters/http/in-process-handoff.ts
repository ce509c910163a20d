import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import {
  childContext,
  formatTraceparent,
  parseTraceparent,
  type ClientRateLimiter,
  type HttpMetrics,
  type TrustProxy,
} from '@emporium/kit';
import type { FastifyInstance, FastifyServerFactory } from 'fastify';
import { edgeAccessRuleOf } from '../../app/edge-access.ts';
import { admit } from './admin-guard.ts';
import type { EdgeVerifier } from './edge-verifier.ts';
import { resolveRoute, type ServiceName } from '../../app/route-table.ts';
import { CLIENT_CLAIMED_HEADERS, clientViewOf, type ClientView } from './client-address.ts';
import { opensEventStream, type OpenStreams } from './open-streams.ts';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** What the handoff applies before a service sees a request; the limiter is set once built. */
export interface EdgePolicy {
  trust: TrustProxy;
  limiter: ClientRateLimiter | undefined;
  /** Event streams handed off, cut when the gateway closes. */
  streams: OpenStreams;
  /**
   * The edge guard's verifier, set once the guard is registered: with it, an admin or
   * internal request whose token passes the guard is handed off too.
   */
  verifier: EdgeVerifier | undefined;
}

/**
 * Embedded mode: services that share the gateway's process get the client's request
 * handed straight to their router, with the path rewritten and the request id, a child
 * traceparent and the forwarded client address added, exactly what they would receive
 * over HTTP, after the same per-client rate limit. The response goes from the service to
 * the client's socket: no second parse, no second socket. Admin and internal routes are
 * handed off too once the edge guard's check passes (the same `admit` the gateway app's
 * guard runs). Everything else (requests the guard refuses, services elsewhere, requests
 * over the limit, which the gateway answers 429) goes through the gateway app.
 */
export function handoffServerFactory(
  services: ReadonlyMap<ServiceName, FastifyInstance>,
  metrics: HttpMetrics,
  policy: EdgePolicy,
): FastifyServerFactory {
  return (gatewayHandler) => {
    /** Past the guard (or unguarded): the per-client limit, then the service's router. */
    const admitted = (target: Target, request: IncomingMessage, response: ServerResponse) => {
      const socket = request.socket as Partial<TLSSocket>;
      const view = clientViewOf(
        socket.remoteAddress ?? '',
        request.headers,
        socket.encrypted === true,
        policy.trust,
      );
      const limiter = policy.limiter;
      if (!limiter) return handOff(target, view, request, response, metrics, policy);
      limiter.check(view.address).then(
        (verdict) => {
          if (!verdict.allowed) return gatewayHandler(request, response);
          for (const [name, value] of Object.entries(verdict.headers))
            response.setHeader(name, value);
          handOff(target, view, request, response, metrics, policy);
        },
        () => handOff(target, view, request, response, metrics, policy),
      );
    };
    return createServer((request, response) => {
      const method = request.method ?? 'GET';
      const url = request.url ?? '';
      const target = targetOf(services, method, url);
      if (!target) return gatewayHandler(request, response);
      const rule = edgeAccessRuleOf(method, url);
      if (!rule) return admitted(target, request, response);
      // Guarded: handed off only once the guard's own check passes. A refusal (or no
      // verifier yet) goes to the gateway app, whose guard answers the 401 or 403; so a
      // refused request is counted by the rate limit once, there.
      const verifier = policy.verifier;
      if (!verifier) return gatewayHandler(request, response);
      admit(rule, url, request.headers.authorization, verifier).then(
        () => admitted(target, request, response),
        () => gatewayHandler(request, response),
      );
    });
  };
}

interface Target {
  service: ServiceName;
  path: string;
  app: FastifyInstance;
}

function targetOf(
  services: ReadonlyMap<ServiceName, FastifyInstance>,
  method: string,
  url: string,
): Target | undefined {
  if (!url.startsWith('/api/')) return undefined;
  const route = resolveRoute(url);
  const app = route && services.get(route.service);
  if (!route || !app) return undefined;
  return { service: route.service, path: route.path, app };
}

function handOff(
  target: Target,
  view: ClientView,
  request: IncomingMessage,
  response: ServerResponse,
  metrics: HttpMetrics,
  policy: EdgePolicy,
): void {
  const headers = request.headers;
  const requestId = headers['x-request-id'];
  if (typeof requestId !== 'string' || !SAFE_REQUEST_ID.test(requestId))
    delete headers['x-request-id'];
  headers.traceparent = formatTraceparent(
    childContext(parseTraceparent(first(headers.traceparent))),
  );
  // Deleting only what is there keeps the headers object's shape (and its fast property access).
  for (const name of CLIENT_CLAIMED_HEADERS) if (headers[name] !== undefined) delete headers[name];
  Object.assign(headers, view.headers);
  if (opensEventStream(request.url ?? '', headers)) policy.streams.track(response);
  request.url = target.path;
  const method = request.method ?? 'GET';
  const routeLabel = `/api/${target.service}`;
  const started = performance.now();
  response.once('finish', () =>
    metrics.stats
      .series(method, routeLabel, response.statusCode)
      .record((performance.now() - started) / 1000),
  );
  target.app.routing(request, response);
}

function first(header: string | string[] | undefined): string | undefined {
  return Array.isArray(header) ? header[0] : header;
}
