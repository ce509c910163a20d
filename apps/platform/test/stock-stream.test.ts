import { request, type IncomingMessage } from 'node:http';
import { eventually } from '@emporium/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPlatform, type EmbeddedPlatform } from './embedded-platform.ts';

interface Received {
  response: IncomingMessage;
  /** Everything read so far, and when each chunk arrived. */
  chunks: { text: string; at: number }[];
  close(): void;
}

function openStream(url: string): Promise<Received> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { headers: { accept: 'text/event-stream' } });
    outgoing.on('error', reject);
    outgoing.on('response', (response) => {
      const chunks: Received['chunks'] = [];
      response.setEncoding('utf8');
      response.on('error', () => undefined);
      response.on('data', (text: string) => chunks.push({ text, at: Date.now() }));
      resolve({ response, chunks, close: () => outgoing.destroy() });
    });
    outgoing.end();
  });
}

const arrivalOf = (stream: Received, text: string) =>
  eventually(() => stream.chunks.find((chunk) => chunk.text.includes(text)), 2_000);

describe('the stock stream through the embedded gateway', () => {
  let embedded: EmbeddedPlatform;
  let api: string;
  let admin: Record<string, string>;

  beforeAll(async () => {
    embedded = await startEmbeddedPlatform('stock-stream');
    ({ api, admin } = embedded);
  });
  afterAll(() => embedded.close());

  it('when stock changes through the gateway, then a stream opened at the gateway receives it within a second', async () => {
    const stream = await openStream(`${api}/inventory/stream?skus=GW-STREAM-1`);
    expect(stream.response.statusCode).toBe(200);
    expect(stream.response.headers['content-type']).toContain('text/event-stream');
    await arrivalOf(stream, ': connected');

    const before = Date.now();
    const put = await fetch(`${api}/inventory/GW-STREAM-1`, {
      method: 'PUT',
      headers: admin,
      body: JSON.stringify({ onHand: 12 }),
    });
    expect(put.status).toBe(200);
    const arrival = await arrivalOf(stream, '"sku":"GW-STREAM-1"');

    expect(arrival.at - before).toBeLessThan(1_000);
    expect(arrival.text).toContain('event: stock');
    expect(arrival.text).toContain('"available":12');
    stream.close();
  });

  it('when the platform closes with a stream open at the gateway, then it closes promptly', async () => {
    const stream = await openStream(`${api}/inventory/stream`);
    await arrivalOf(stream, ': connected');
    const ended = new Promise<void>((resolve) => stream.response.once('close', resolve));

    const started = Date.now();
    await embedded.close();

    await ended;
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
