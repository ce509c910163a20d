import replyFrom from '@fastify/reply-from';
import {
  CommonErrors,
  childContext,
  currentTrace,
  formatTraceparent,
  problemOf,
  type AppError,
  type HttpServer,
} from '@emporium/kit';
import type { FastifyReply } from 'fastify';
import { Agent } from 'undici';
import { resolveRoute } from '../../app/route-table.ts';
import type { Upstreams } from '../../app/upstreams.ts';

export interface ProxyOptions {
  upstreams: Upstreams;
  timeoutMs: number;
}

const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
];

/**
 * Forwards `/api/<resource>/…` to the owning service without parsing bodies (uploads
 * stream through), adding the request id and a child `traceparent`. A service that is
 * down answers 502, one that is too slow 504, both as problem+json.
 */
export async function registerProxyRoutes(app: HttpServer, options: ProxyOptions): Promise<Agent> {
  const agent = new Agent({
    connections: 128,
    pipelining: 1,
    keepAliveTimeout: 30_000,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
  await app.register(replyFrom, {
    undici: agent,
    disableRequestLogging: true,
    retriesCount: 0,
    maxRetriesOn503: 0,
  } as never);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  app.all('/api/*', { schema: { hide: true } }, (request, reply) => {
    const route = resolveRoute(request.url);
    if (!route)
      return sendProblem(
        reply,
        CommonErrors.ROUTE_NOT_FOUND.create(`No API resource at ${request.url.split('?')[0]}`),
      );
    const base = options.upstreams.get(route.service);
    if (!base)
      return sendProblem(
        reply,
        CommonErrors.UPSTREAM_UNAVAILABLE.create(`The ${route.service} service is not deployed`),
      );
    return reply.from(`${base}${route.path}`, {
      rewriteRequestHeaders: (_original, headers) => {
        const forwarded: Record<string, string | string[] | undefined> = { ...headers };
        for (const name of HOP_BY_HOP) delete forwarded[name];
        forwarded['x-request-id'] = request.id;
        forwarded['traceparent'] = formatTraceparent(childContext(currentTrace()));
        forwarded['x-forwarded-for'] = request.ip;
        return forwarded as never;
      },
      onError: (errorReply, { error }) => {
        const timedOut = (error as { statusCode?: number }).statusCode === 504;
        const failure = timedOut
          ? CommonErrors.UPSTREAM_TIMEOUT.create(
              `The ${route.service} service did not answer within ${options.timeoutMs} ms`,
            )
          : CommonErrors.UPSTREAM_UNAVAILABLE.create(`The ${route.service} service is unavailable`);
        request.log.warn({ err: error, service: route.service }, failure.code);
        void sendProblem(errorReply as FastifyReply, failure);
      },
    });
  });
  return agent;
}

function sendProblem(reply: FastifyReply, error: AppError): FastifyReply {
  const problem = problemOf(error, reply.request.url);
  return reply.status(problem.status).type('application/problem+json').send(problem);
}
