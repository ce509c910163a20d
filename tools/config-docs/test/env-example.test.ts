import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderEnvExample, withReadmeTable } from '../src/env-example.ts';

describe('.env.example', () => {
  it('when the config schemas change, then .env.example has been regenerated (npm run config:docs)', () => {
    const committed = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8');
    expect(committed).toBe(renderEnvExample());
  });

  it('when the config schemas change, then the README configuration table has been regenerated', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    expect(readme).toBe(withReadmeTable(readme));
  });
});
