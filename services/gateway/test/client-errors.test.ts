import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startGateway, startKitService } from './edge-fixtures.ts';

function rawRequest(base: string, request: string): Promise<string> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => socket.write(request));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('requests the gateway cannot parse', () => {
  it.each([false, true])(
    'when request headers are too large (services in process: %s), then 431 problem+json with a code',
    async (embedded) => {
      const service = await startKitService(false);
      const gateway = await startGateway(
        {},
        embedded ? { inProcess: new Map([['catalog', service.app]]) } : {},
      );
      try {
        const base = await gateway.listen();
        const answer = await rawRequest(
          base,
          `GET /api/products HTTP/1.1\r\nHost: x\r\nCookie: ${'a'.repeat(20_000)}\r\n\r\n`,
        );
        expect(answer).toMatch(/^HTTP\/1\.1 431 /);
        expect(answer).toMatch(/content-type: application\/problem\+json/i);
        const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
        expect(body).toMatchObject({ status: 431, code: 'COMMON.HEADERS_TOO_LARGE' });
      } finally {
        await gateway.close();
        await service.app.close();
      }
    },
  );
});
