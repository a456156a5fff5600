// @ts-check
/**
 * Stryker for `npm run mutation`: mutates the engine model (engine/, without its tests,
 * test helpers, the deliberate-bug seam and the response decoders of engine/decode/,
 * which are a JSON parser with their own conformance tests) and kills mutants with the
 * engine's unit tests plus a sampled `dst run` sweep on hardened (mutation/sweep.mutation.ts).
 * Static mutants (module-level constants, which would re-run every test) are skipped.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'mutation/vitest.config.ts' },
  mutate: [
    'engine/*.ts',
    '!engine/*.test.ts',
    '!engine/index.ts',
    '!engine/hooks.ts',
    '!engine/mutants.ts',
    '!engine/observer.ts',
    '!engine/core.ts',
    '!engine/transport.ts',
  ],
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 60_000,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: true, reportScoreTable: true },
  // Stryker rewrites the tsconfig's `extends`/`references` in its sandbox through the
  // TypeScript JS API, which TypeScript 7 no longer has; ours has neither, so point it at
  // a file that does not exist and the rewrite is skipped (vitest transpiles with esbuild).
  tsconfigFile: 'mutation/no-tsconfig-rewrite.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
