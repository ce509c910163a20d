import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{packages,services,apps,tools}/*/test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/*.infra.test.ts', '**/*.e2e.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
