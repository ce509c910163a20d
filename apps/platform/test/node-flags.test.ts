import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_FLAGS } from '../src/node-flags.ts';

describe('node flags', () => {
  it('npm start runs the platform with the flags the distributed services get', () => {
    const manifest = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../../../package.json'), 'utf8'),
    ) as { scripts: Record<string, string> };
    expect(manifest.scripts['start']).toBe(
      `node ${NODE_FLAGS.join(' ')} apps/platform/src/main.ts`,
    );
  });
});
