import { request as httpRequest, type IncomingMessage } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { startService } from '@emporium/kit';
import { eventually, silentLogger } from '@emporium/kit/testing';
import { gatewayService, type GatewayService } from '../src/service.ts';

/** A service whose `/products/stream` sends a comment now and an event after 1.5 s, then stays open. */
function streamingService(): { app: FastifyInstance; closedByClient: () => boolean } {
  let closed = false;
  const app = Fastify();
  app.get('/products/stream', (request, reply) => {
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    reply.raw.write(': connected\n\n');
    const timer = setTimeout(() => reply.raw.write('event: stock\ndata: {"late":true}\n\n'), 1_500);
    request.raw.socket.once('close', () => {
      clearTimeout(timer);
      closed = true;
    });
  });
  return { app, closedByClient: () => closed };
}

interface OpenStream {
  response: IncomingMessage;
  received: () => string;
  abort: () => void;
}

function openStream(url: string): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers: { accept: 'text/event-stream' } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('error', () => undefined);
      resolve({ response, received: () => text, abort: () => request.destroy() });
    });
    request.on('error', reject);
    request.end();
  });
}

const env = {
  LOG_LEVEL: 'silent',
  GATEWAY_PORT: '0',
  GATEWAY_SERVICES: 'catalog',
  GATEWAY_UPSTREAM_TIMEOUT_MS: '300',
};

describe.each([
  ['proxied over HTTP (distributed mode)', 'http'],
  ['handed off in-process (embedded mode)', 'in-process'],
] as const)('gateway event streams, %s', (_name, mode) => {
  let upstream: ReturnType<typeof streamingService>;
  let gateway: GatewayService;

  async function start(): Promise<string> {
    upstream = streamingService();
    if (mode === 'http') {
      const url = await upstream.app.listen({ host: '127.0.0.1', port: 0 });
      gateway = await startService(gatewayService, {
        env: { ...env, CATALOG_URL: url },
        logger: silentLogger,
        processMetrics: false,
      });
    } else {
      await upstream.app.ready();
      gateway = await startService(gatewayService, {
        env,
        logger: silentLogger,
        processMetrics: false,
        peers: new Map([['catalog', upstream.app]]),
      });
    }
    return gateway.listen();
  }

  afterEach(async () => {
    // One test closes the gateway itself.
    await gateway.close().catch(() => undefined);
    await upstream.app.close();
  });

  it('when a stream is opened, then its first bytes arrive at once and later events pass the request timeout', async () => {
    const base = await start();
    const stream = await openStream(`${base}/api/products/stream`);

    expect(stream.response.statusCode).toBe(200);
    expect(stream.response.headers['content-type']).toBe('text/event-stream');
    await eventually(() => stream.received().includes(': connected'), 2_000);
    await eventually(() => stream.received().includes('{"late":true}'), 3_000);
    stream.abort();
  });

  it('when the client goes away, then the service sees its connection close', async () => {
    const base = await start();
    const stream = await openStream(`${base}/api/products/stream`);
    await eventually(() => stream.received().includes(': connected'), 2_000);

    stream.abort();

    await eventually(() => upstream.closedByClient(), 3_000);
  });

  it('when the gateway closes with a stream open, then it closes promptly and the stream ends', async () => {
    const base = await start();
    const stream = await openStream(`${base}/api/products/stream`);
    await eventually(() => stream.received().includes(': connected'), 2_000);
    const ended = new Promise<void>((resolve) => stream.response.once('close', resolve));

    const started = Date.now();
    await gateway.close();

    await ended;
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
