import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerFactory,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Logger } from 'pino';
import { CommonErrors } from '../errors.ts';
import { createMetrics, type HttpMetrics } from '../observability/metrics.ts';
import { RequestSpan, enterTrace, parseTraceparent } from '../observability/trace-context.ts';
import { newRequestId } from './request-id.ts';
import { problemOf, toAppError } from './problem.ts';
import { createValidatorCompiler } from './validation.ts';
import { registerJsonBodyParser } from './json-body.ts';
import { documentRouteAccess } from './route-access.ts';
import { closeBodies } from './strict-body.ts';
import { closeQueryStrings } from './strict-query.ts';
import { registerHealthRoutes, type ReadinessCheck } from './health.ts';
import { registerRequestMetrics } from './request-metrics.ts';
import { clientErrorHandler } from './client-errors.ts';
import { BARE_SECURITY_HEADERS, registerSecurityHeaders } from './security-headers.ts';
import { trustedProxies } from './trusted-proxies.ts';

export type HttpServer = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface HttpServerOptions {
  name: string;
  version?: string;
  description?: string;
  logger: Logger;
  bodyLimitBytes?: number;
  /** Collect Node process metrics on this registry (once per process is enough). */
  processMetrics?: boolean;
  readiness?: ReadinessCheck[];
  metrics?: HttpMetrics;
  /** Lets a caller own the Node server, e.g. to hand some requests to another app first. */
  serverFactory?: FastifyServerFactory;
  /**
   * Peers whose X-Forwarded-For / -Proto / -Host are believed (TRUSTED_PROXIES syntax);
   * `request.ip` is the client they report. Default `loopback`: the gateway on this host.
   */
  trustedProxies?: string;
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** The methods some route answers on `path`: a known resource asked with the wrong method gets 405. */
function allowedMethods(app: HttpServer, path: string): string[] {
  return METHODS.filter((method) => app.findRoute({ method, url: path }) !== null);
}

/** RFC 6750: tells the client to authenticate with a bearer token, and why one was refused. */
function bearerChallenge(request: FastifyRequest): string {
  return request.headers.authorization
    ? 'Bearer realm="emporium", error="invalid_token"'
    : 'Bearer realm="emporium"';
}

export interface CreatedServer {
  app: HttpServer;
  metrics: HttpMetrics;
}

/**
 * The one way every service builds its HTTP server: problem+json errors, strict
 * validation, request ids, trace context, metrics, health and OpenAPI docs.
 * Register routes on `app` after this returns, then call `app.ready()`.
 */
export async function createHttpServer(options: HttpServerOptions): Promise<CreatedServer> {
  const app = Fastify({
    loggerInstance: options.logger,
    bodyLimit: options.bodyLimitBytes ?? 1024 * 1024,
    genReqId: newRequestId,
    // No child logger per request: the logger's mixin adds the request id and trace ids
    // from the request's trace context to each line, so only lines written pay for them.
    childLoggerFactory: (logger) => logger,
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
    trustProxy: trustedProxies(options.trustedProxies ?? 'loopback'),
    // Errors raised before routing (a malformed URL) get the same problem+json answer.
    frameworkErrors: (error, request, reply) => {
      const problem = problemOf(CommonErrors.BAD_URL.create(error.message), request.url);
      void (reply as FastifyReply)
        .status(problem.status)
        .headers(BARE_SECURITY_HEADERS)
        .type('application/problem+json')
        .send(problem);
    },
    clientErrorHandler: clientErrorHandler(options.logger),
    ...(options.serverFactory ? { serverFactory: options.serverFactory } : {}),
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as HttpServer;

  await registerSecurityHeaders(app);
  app.setValidatorCompiler(createValidatorCompiler());
  // JSON APIs: a text/plain body is an unsupported media type (415), not a string to validate.
  app.removeContentTypeParser('text/plain');
  registerJsonBodyParser(app as unknown as FastifyInstance);
  closeQueryStrings(app as unknown as FastifyInstance);
  closeBodies(app as unknown as FastifyInstance);
  documentRouteAccess(app as unknown as FastifyInstance);
  const metrics =
    options.metrics ??
    createMetrics(options.name, { processMetrics: options.processMetrics ?? false });

  app.addHook('onRequest', (request, reply, done) => {
    const parent = parseTraceparent(request.headers.traceparent as string | undefined);
    enterTrace(new RequestSpan(parent, request.id));
    reply.header('x-request-id', request.id);
    done();
  });

  registerRequestMetrics(app, metrics);

  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error as Error);
    if (!appError) {
      request.log.error(
        { err: error, method: request.method, url: request.url },
        'unhandled error',
      );
      const masked = problemOf(
        CommonErrors.INTERNAL.create('An unexpected error occurred'),
        request.url,
      );
      return reply.status(500).type('application/problem+json').send(masked);
    }
    const problem = problemOf(appError, request.url);
    if (problem.status >= 500)
      request.log.warn({ err: error, method: request.method, url: request.url }, appError.code);
    if (problem.status === 401) void reply.header('www-authenticate', bearerChallenge(request));
    const retryAfter = appError.details?.['retryAfterSeconds'];
    if (problem.status === 503 && typeof retryAfter === 'number')
      void reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfter))));
    return reply.status(problem.status).type('application/problem+json').send(problem);
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = allowedMethods(app, path);
    const error =
      allowed.length > 0
        ? CommonErrors.METHOD_NOT_ALLOWED.create(
            `${path} answers ${allowed.join(', ')}, not ${request.method}`,
          )
        : CommonErrors.ROUTE_NOT_FOUND.create(`No route ${request.method} ${path}`);
    const problem = problemOf(error, request.url);
    if (allowed.length > 0) void reply.header('allow', allowed.join(', '));
    return reply.status(problem.status).type('application/problem+json').send(problem);
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: `Emporium ${options.name}`,
        version: options.version ?? '0.1.0',
        description: options.description ?? '',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
  registerHealthRoutes(app, options.readiness ?? []);
  return { app, metrics };
}
