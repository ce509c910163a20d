import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService, type RunningService } from '@emporium/kit';
import { createTestAuth, eventually, silentLogger } from '@emporium/kit/testing';
import { gatewayService } from '@emporium/gateway';
import { inventoryService } from '@emporium/inventory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Received {
  response: IncomingMessage;
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

/**
 * Distributed mode's path: the inventory on DynamoDB and Kafka as its own server, the gateway proxying
 * over HTTP with a request timeout shorter than the stream's heartbeat interval.
 */
describe('the stock stream through the gateway proxy, inventory on DynamoDB and Kafka', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'stream-proxy-'));
  let inventory: RunningService;
  let gateway: RunningService;
  let api: string;
  let admin: string;

  beforeAll(async () => {
    const auth = await createTestAuth();
    admin = await auth.bearer('usr_admin', ['admin']);
    inventory = await startService(inventoryService, {
      env: {
        DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        INVENTORY_PORT: '0',
        EVENT_BUS: 'kafka',
        KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092',
        KAFKA_TOPIC_PREFIX: `stream-proxy-${randomUUID().slice(0, 8)}.`,
        INVENTORY_STORE: 'dynamodb',
        INVENTORY_DYNAMODB_TABLE: `stream-proxy-${randomUUID().slice(0, 8)}`,
        AWS_ENDPOINT_URL: process.env['AWS_ENDPOINT_URL'] ?? 'http://127.0.0.1:14566',
        INVENTORY_STREAM_HEARTBEAT_MS: '1000',
      },
      logger: silentLogger,
      verifier: auth.verifier,
      processMetrics: false,
    });
    const inventoryUrl = await inventory.listen();
    gateway = await startService(gatewayService, {
      env: {
        LOG_LEVEL: 'silent',
        GATEWAY_PORT: '0',
        GATEWAY_SERVICES: 'inventory',
        INVENTORY_URL: inventoryUrl,
        GATEWAY_UPSTREAM_TIMEOUT_MS: '400',
        RATE_LIMIT_PER_CLIENT: '0',
      },
      logger: silentLogger,
      verifier: auth.verifier,
      processMetrics: false,
    });
    api = `${await gateway.listen()}/api`;
    await eventually(async () => (await fetch(`${inventoryUrl}/health/ready`)).ok, 30_000);
  });
  afterAll(async () => {
    await gateway.close();
    await inventory.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('when a stream outlives the request timeout, then heartbeats and a later change still arrive within a second', async () => {
    const stream = await openStream(`${api}/inventory/stream?skus=PROXY-1`);
    expect(stream.response.statusCode).toBe(200);
    await eventually(() => stream.chunks.some((c) => c.text.includes(': heartbeat')), 3_000);
    const put = (onHand: number) =>
      fetch(`${api}/inventory/PROXY-1`, {
        method: 'PUT',
        headers: { authorization: admin, 'content-type': 'application/json' },
        body: JSON.stringify({ onHand }),
      });

    // The per-process group fixes its position a moment after joining: count until one lands.
    for (let n = 1; n <= 30 && !stream.chunks.some((c) => c.text.includes('PROXY-1')); n++) {
      expect((await put(n)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const before = Date.now();
    await put(777);
    const arrival = await eventually(
      () => stream.chunks.find((c) => c.text.includes('"onHand":777')),
      2_000,
    );

    expect(arrival.at - before).toBeLessThan(1_000);
    stream.close();
  });
});
