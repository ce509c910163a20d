import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult, type IConfiguration } from 'dependency-cruiser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const config = createRequire(import.meta.url)(
  join(root, '.dependency-cruiser.cjs'),
) as IConfiguration;

/**
 * A small monorepo shaped like ours, written to a temporary directory (so eslint and tsc
 * never see it): one clean file, and one file per rule that breaks it.
 */
const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'fixture', private: true, workspaces: ['services/*'] }),
  'services/shop/package.json': JSON.stringify({
    name: '@fixture/shop',
    dependencies: { '@emporium/kit': '0.1.0', '@emporium/other': '0.1.0' },
  }),
  'services/other/package.json': JSON.stringify({
    name: '@emporium/other',
    exports: { '.': './src/domain/other.ts' },
  }),
  // Clean: its own domain, the pure kit entry, a pure builtin.
  'services/shop/src/domain/money.ts': 'export const cents = (n: number) => n * 100;\n',
  'services/shop/src/domain/order.ts': [
    "import { createHash } from 'node:crypto';",
    "import { defineErrors } from '@emporium/kit/domain';",
    "import { cents } from './money.ts';",
    'export const x = [createHash, defineErrors, cents];',
  ].join('\n'),
  // Breaks domain-is-pure: a domain file imports an adapter.
  'services/shop/src/domain/order-repository.ts':
    "import { table } from '../adapters/storage/orders-table.ts';\nexport const y = table;\n",
  'services/shop/src/adapters/storage/orders-table.ts': "export const table = 'orders';\n",
  // Breaks domain-does-no-io.
  'services/shop/src/domain/clock.ts':
    "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
  // Breaks app-imports-no-adapters (a type-only import counts).
  'services/shop/src/app/place-order.ts':
    "import type { Routes } from '../adapters/http/routes.ts';\nexport type R = Routes;\n",
  // Breaks undeclared-dependency: fastify is not in the shop's package.json.
  'services/shop/src/adapters/http/routes.ts':
    "import Fastify from 'fastify';\nexport type Routes = typeof Fastify;\n",
  // Breaks no-relative-import-across-workspaces (another service's source, by path).
  'services/shop/src/app/reuse.ts':
    "import { other } from '../../../other/src/domain/other.ts';\nexport const z = other;\n",
  'services/other/src/domain/other.ts': 'export const other = 1;\n',
  // Breaks no-service-imports-another-service (by package name, declared or not).
  'services/shop/src/adapters/clients/other-client.ts':
    "import { other } from '@emporium/other';\nexport const client = other;\n",
  // Breaks no-circular.
  'services/shop/src/app/ping.ts':
    "import { pong } from './pong.ts';\nexport const ping = () => pong;\n",
  'services/shop/src/app/pong.ts':
    "import { ping } from './ping.ts';\nexport const pong = () => ping;\n",
};

function violationsOf(result: ICruiseResult): string[] {
  return result.summary.violations
    .map((violation) => `${violation.rule.name}: ${violation.from} → ${violation.to}`)
    .sort();
}

describe('layer rules (.dependency-cruiser.cjs) on a fixture tree', () => {
  let fixture: string;
  let result: ICruiseResult;

  beforeAll(async () => {
    fixture = mkdtempSync(join(tmpdir(), 'layer-rules-'));
    for (const [path, text] of Object.entries(FILES)) {
      mkdirSync(dirname(join(fixture, path)), { recursive: true });
      writeFileSync(join(fixture, path), text);
    }
    mkdirSync(join(fixture, 'node_modules/@emporium'), { recursive: true });
    symlinkSync(join(root, 'packages/kit'), join(fixture, 'node_modules/@emporium/kit'));
    symlinkSync(join(root, 'node_modules/fastify'), join(fixture, 'node_modules/fastify'));
    symlinkSync(join(fixture, 'services/other'), join(fixture, 'node_modules/@emporium/other'));
    const { tsConfig: _tsConfig, ...options } = config.options!;
    const cwd = process.cwd();
    process.chdir(fixture);
    try {
      const output = await cruise(
        ['services'],
        { ...options, ruleSet: { forbidden: config.forbidden }, validate: true },
        options.enhancedResolveOptions,
      );
      result = output.output as ICruiseResult;
    } finally {
      process.chdir(cwd);
    }
  });
  afterAll(() => rmSync(fixture, { recursive: true, force: true }));

  it('when a domain file imports an adapter, then domain-is-pure names it', () => {
    expect(violationsOf(result)).toContain(
      'domain-is-pure: services/shop/src/domain/order-repository.ts → services/shop/src/adapters/storage/orders-table.ts',
    );
  });

  it('when files break the other rules, then each rule names its file, and the clean file passes', () => {
    expect(violationsOf(result)).toEqual(
      [
        'domain-is-pure: services/shop/src/domain/order-repository.ts → services/shop/src/adapters/storage/orders-table.ts',
        'domain-does-no-io: services/shop/src/domain/clock.ts → fs',
        'app-imports-no-adapters: services/shop/src/app/place-order.ts → services/shop/src/adapters/http/routes.ts',
        'undeclared-dependency: services/shop/src/adapters/http/routes.ts → node_modules/fastify/fastify.js',
        'no-relative-import-across-workspaces: services/shop/src/app/reuse.ts → services/other/src/domain/other.ts',
        'no-service-imports-another-service: services/shop/src/adapters/clients/other-client.ts → node_modules/@emporium/other/src/domain/other.ts',
        'no-circular: services/shop/src/app/ping.ts → services/shop/src/app/pong.ts',
      ].sort(),
    );
  });
});
