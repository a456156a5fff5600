/**
 * The vitest configuration Stryker runs for `npm run mutation`: the engine's own unit
 * tests plus the sampled sweep (`mutation/sweep.mutation.ts`). The regression corpus
 * is left out on purpose: its trace hashes would kill almost any behaviour change, and
 * the score should say what the properties catch.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['engine/**/*.test.ts', 'mutation/sweep.mutation.ts'],
    exclude: ['node_modules/**'],
    testTimeout: 120_000,
    pool: 'threads',
  },
});
