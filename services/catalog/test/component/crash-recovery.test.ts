import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedEventBus, startService, systemClock, type CloudEvent } from '@emporium/kit';
import { silentLogger } from '@emporium/kit/testing';
import { catalogService, type CatalogService } from '../../src/service.ts';

const run = promisify(execFile);
const fixture = join(import.meta.dirname, 'fixtures', 'write-then-crash.ts');

/** Starts the catalog on `dataDir` with a recording consumer subscribed before delivery resumes. */
async function restart(
  dataDir: string,
  seen: CloudEvent[],
): Promise<{ service: CatalogService; bus: EmbeddedEventBus }> {
  const bus = await EmbeddedEventBus.open({
    path: join(dataDir, 'bus.sqlite'),
    clock: systemClock,
    logger: silentLogger,
  });
  bus.subscribe({
    group: 'test.recorder',
    topics: ['catalog.product'],
    handle: async (event) => void seen.push(event),
  });
  const service = await startService(catalogService, {
    env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    logger: silentLogger,
    bus,
    processMetrics: false,
  });
  await bus.start();
  return { service, bus };
}

describe('no event is lost or doubled across a crash', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('when the process dies after the commit but before delivery, then after a restart the event is delivered once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'crash-'));
    dirs.push(dataDir);
    const child = await run(process.execPath, [fixture, dataDir]).catch(
      (error: { stdout: string; signal: string }) => {
        expect(error.signal).toBe('SIGKILL');
        return error;
      },
    );
    const { productId, pending } = JSON.parse(child.stdout.trim()) as {
      productId: string;
      pending: number;
    };
    expect(pending).toBe(1);

    const seen: CloudEvent[] = [];
    const first = await restart(dataDir, seen);
    await first.service.relay!.flush();
    await first.bus.drain();
    expect(seen.filter((event) => event.subject === productId).map((event) => event.type)).toEqual([
      'catalog.product.created',
    ]);
    expect(
      (await first.service.app.inject({ url: '/search?q=lantern' })).json().items[0].productId,
    ).toBe(productId);
    expect(await first.service.relay!.pending()).toBe(0);
    await first.service.close();
    await first.bus.close();

    const second = await restart(dataDir, seen);
    await second.bus.drain();
    expect(seen.filter((event) => event.subject === productId)).toHaveLength(1);
    await second.service.close();
    await second.bus.close();
  });

  it('when the relay published but died before marking the row, then the republished event has no second effect', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'crash-'));
    dirs.push(dataDir);
    const seen: CloudEvent[] = [];
    const { service, bus } = await restart(dataDir, seen);
    try {
      const { createProduct } = await import('../../src/app/use-cases/create-product.ts');
      await createProduct(service.stores, {
        name: 'Twice Lamp',
        brand: 'Echo',
        variants: [{ sku: 'ECHO-1', options: {} }],
      });
      await service.relay!.flush();
      await bus.drain();
      // Simulate the crash window: the row was published, but its "published" mark never committed.
      const { openSqlite } = await import('@emporium/kit');
      const raw = await openSqlite<{ outbox: { status: string } }>({
        path: join(dataDir, 'catalog.sqlite'),
      });
      await raw.db.updateTable('outbox').set({ status: 'pending' }).execute();
      await raw.close();
      service.relay!.start();
      await service.relay!.flush();
      await bus.drain();
      expect(seen.filter((event) => event.type === 'catalog.product.created')).toHaveLength(1);
    } finally {
      await service.close();
      await bus.close();
    }
  });
});
