import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { platformEnv } from './free-port.ts';

const main = join(import.meta.dirname, '..', 'src', 'main.ts');
/** A hang guard, not a speed check (the bench measures start-up): seven services seed on the first start. */
const READY_LIMIT_MS = 60_000;

interface Launch {
  child: ChildProcess;
  output: () => string;
  ready: Promise<void>;
  exited: Promise<number | null>;
}

function launch(env: Record<string, string>): Launch {
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`not ready in ${READY_LIMIT_MS / 1000} s:\n${output}`)),
      READY_LIMIT_MS,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Emporium is ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', () => reject(new Error(`exited before ready:\n${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, ready, exited };
}

describe(
  'npm start (the embedded platform launcher)',
  { timeout: 2 * READY_LIMIT_MS + 10_000 },
  () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'platform-'));
    const running: ChildProcess[] = [];
    afterAll(() => {
      for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('when started on an empty data folder, then it seeds, serves through the gateway, and stops cleanly on SIGTERM', async () => {
      const ports = await platformEnv(dataDir);
      // Prices and stock for a few products only: each goes through the pricing and inventory APIs.
      const env = { ...ports, SEED_PRODUCTS: '500', SEED_PRICED_PRODUCTS: '8', LOG_LEVEL: 'warn' };
      const first = launch(env);
      running.push(first.child);
      await first.ready;
      expect(first.output()).toMatch(/Seeded 500 products in \d+ categories/);
      const api = `http://127.0.0.1:${ports['GATEWAY_PORT']}/api`;

      const categories = (await (await fetch(`${api}/categories`)).json()) as { items: unknown[] };
      expect(categories.items.length).toBeGreaterThanOrEqual(10);
      const search = (await (await fetch(`${api}/search?q=headphones&limit=5`)).json()) as {
        total: number;
      };
      expect(search.total).toBeGreaterThan(0);
      expect(first.output()).toMatch(/Seeded \d+ prices and \d+ stock counts/);
      const priced = (await (await fetch(`${api}/search?minPrice=0&limit=100`)).json()) as {
        total: number;
        items: { price: { amount: number; currency: string } | null; inStock: boolean }[];
      };
      expect(priced.total).toBe(8);
      expect(priced.items.every((item) => item.price?.currency === 'USD')).toBe(true);
      expect(priced.items.some((item) => item.inStock)).toBe(true);

      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);

      const second = launch(env);
      running.push(second.child);
      await second.ready;
      expect(second.output()).not.toContain('Seeding');
      let count = 0;
      let cursor: string | null = null;
      do {
        const page = (await (
          await fetch(`${api}/products?limit=100${cursor ? `&cursor=${cursor}` : ''}`)
        ).json()) as { items: unknown[]; nextCursor: string | null };
        count += page.items.length;
        cursor = page.nextCursor;
      } while (cursor);
      expect(count).toBe(500);
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    });

    it('when ADMIN_EMAIL and ADMIN_PASSWORD are configured, then the banner shows the email and never the password', async () => {
      const ports = await platformEnv(join(dataDir, 'configured'));
      const password = 'Configured-Secret-42';
      const launched = launch({
        ...ports,
        SEED_PRODUCTS: '0',
        ADMIN_EMAIL: 'ops@shop.example',
        ADMIN_PASSWORD: password,
      });
      running.push(launched.child);
      await launched.ready;
      expect(launched.output()).toContain('"email":"ops@shop.example"');
      expect(launched.output()).not.toContain(password);
      launched.child.kill('SIGTERM');
      expect(await launched.exited).toBe(0);
    });
  },
);
