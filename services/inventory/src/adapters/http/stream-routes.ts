import { PassThrough } from 'node:stream';
import { Type, defineErrors, problemType, type HttpServer } from '@emporium/kit';
import type { FastifyReply } from 'fastify';
import type { StockStreamHub, StreamSink } from '../../app/stream/stock-stream-hub.ts';
import { InventoryErrors } from '../../domain/errors.ts';
import { SKU_PATTERN } from './schemas.ts';
import { formatFrame, preamble } from './sse.ts';

export interface StreamRouteOptions {
  /** Unread bytes a client may hold before it is dropped as too slow. */
  maxBufferedBytes: number;
  /** What browsers wait before reconnecting (the `retry:` field). */
  retryMs: number;
  maxSkus: number;
}

export const StreamErrors = defineErrors('INVENTORY', {
  STREAM_CAPACITY: { kind: 'unavailable', title: 'Too many open stock streams' },
});

const skuPattern = new RegExp(SKU_PATTERN);

const StreamQuery = Type.Object({
  skus: Type.Optional(
    Type.String({ minLength: 1, maxLength: 6_600, description: 'Comma-separated SKUs, up to 100' }),
  ),
  lastEventId: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 128,
      description: 'Resume point when the Last-Event-ID header cannot be set',
    }),
  ),
});

/** `a,b,a` → [a, b], checked as the batch routes check theirs. */
export function parseSkuList(raw: string | undefined, max: number): string[] | undefined {
  if (raw === undefined) return undefined;
  const skus = [...new Set(raw.split(',').filter((sku) => sku !== ''))];
  const bad = skus.find((sku) => !skuPattern.test(sku));
  if (bad !== undefined || skus.length === 0)
    throw InventoryErrors.INVALID_SKU.create(`"${(bad ?? '').slice(0, 70)}" is not a SKU`);
  if (skus.length > max)
    throw InventoryErrors.TOO_MANY_SKUS.create(`At most ${max} SKUs per request`);
  return skus;
}

/**
 * GET /inventory/stream: server-sent events of stock changes (ADR 0022). The response is
 * a stream Fastify pipes to the socket (so the security headers and request metrics
 * apply); a client that closes its connection leaves the hub through the stream's close.
 */
export function registerStreamRoutes(
  app: HttpServer,
  hub: StockStreamHub,
  options: StreamRouteOptions,
): void {
  // Before the server closes: ends every stream, so closing never waits on them.
  app.addHook('preClose', (done) => {
    hub.close();
    done();
  });

  app.get(
    '/inventory/stream',
    {
      schema: {
        tags: ['inventory'],
        summary:
          'Live stock changes as server-sent events (`event: stock`), heartbeats, resume with Last-Event-ID',
        querystring: StreamQuery,
      },
    },
    async (request, reply) => {
      const skus = parseSkuList(request.query.skus, options.maxSkus);
      const header = request.headers['last-event-id'];
      const lastEventId = (typeof header === 'string' && header) || request.query.lastEventId;
      const body = new PassThrough();
      body.write(preamble(options.retryMs));
      // The client may leave while a resume reads the current levels: it leaves the hub then.
      let gone = false;
      let leave: () => void = () => void (gone = true);
      reply.raw.once('close', () => leave());
      const opened = await hub.open({
        ...(skus ? { skus } : {}),
        ...(lastEventId ? { lastEventId: lastEventId.slice(0, 128) } : {}),
        sink: sinkOf(body, reply, options.maxBufferedBytes),
      });
      if (!opened.opened) return refuseOverCapacity(reply, request.url);
      if (gone) {
        opened.close();
        body.destroy();
        return reply.hijack();
      }
      leave = opened.close;
      body.once('close', opened.close);
      return reply
        .header('content-type', 'text/event-stream; charset=utf-8')
        .header('cache-control', 'no-cache, no-store')
        .header('x-accel-buffering', 'no')
        .send(body);
    },
  );
}

function sinkOf(body: PassThrough, reply: FastifyReply, maxBufferedBytes: number): StreamSink {
  return {
    write(frame) {
      if (body.destroyed || body.writableEnded) return true;
      body.write(formatFrame(frame));
      const unread = body.writableLength + body.readableLength + reply.raw.writableLength;
      return unread <= maxBufferedBytes;
    },
    end(reason) {
      if (reason === 'slow') body.destroy();
      else body.end();
    },
  };
}

function refuseOverCapacity(reply: FastifyReply, instance: string): FastifyReply {
  const { code, title } = StreamErrors.STREAM_CAPACITY;
  return reply
    .status(503)
    .header('retry-after', '5')
    .type('application/problem+json')
    .send({
      type: problemType(code),
      title,
      status: 503,
      detail: 'The stock stream is at its maximum of open connections; retry shortly',
      code,
      instance,
    });
}
