import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderEnvExample } from '../src/env-example.ts';

describe('.env.example', () => {
  it('when the config schemas change, then .env.example has been regenerated (npm run config:docs)', () => {
    const committed = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8');
    expect(committed).toBe(renderEnvExample());
  });
});
