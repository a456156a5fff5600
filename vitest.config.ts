import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', '.stryker-tmp/**'],
    testTimeout: 60_000,
    pool: 'threads',
    globalSetup: ['./test/global-temp.ts'],
    setupFiles: ['./test/setup-temp.ts'],
    reporters: ['default', './cli/report/viewer/testing/browser-notice-reporter.ts', './test/plain-summary-reporter.ts'],
  },
});
