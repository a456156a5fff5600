import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', '.stryker-tmp/**'],
    testTimeout: 60_000,
    pool: 'threads',
    reporters: ['default', './test/plain-summary-reporter.ts'],
  },
});
