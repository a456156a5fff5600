import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', '.stryker-tmp/**'],
    testTimeout: 60_000,
    pool: 'threads',
    // Vitest's default leaves one core idle (one worker on a 2-core machine): use them all.
    maxWorkers: '100%',
    globalSetup: ['./test/global-temp.ts'],
    setupFiles: ['./test/setup-temp.ts'],
    reporters: ['default', './cli/report/viewer/testing/browser-notice-reporter.ts', './test/plain-summary-reporter.ts'],
  },
});
