import { defineConfig } from 'vitest/config';

/** `npm run test:infra`: the same contract suites against the real engines `npm run infra:up` started. */
export default defineConfig({
  test: {
    include: ['{packages,services,apps,tools}/*/test/**/*.infra.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
