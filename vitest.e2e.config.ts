import { defineConfig } from 'vitest/config';

/**
 * `npm run test:e2e`: the storefront in Chromium against the platform started as `npm start`
 * starts it (apps/storefront/test/e2e). Not part of `npm test`: it needs a Chromium binary.
 */
export default defineConfig({
  test: {
    include: ['apps/*/test/e2e/**/*.e2e.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 180_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
