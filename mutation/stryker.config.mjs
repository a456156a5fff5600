// @ts-check
/**
 * Stryker for `npm run mutation`: mutates the engine's concurrency core ({@link CORE}:
 * dispatch, the Run loop, flushQueue, failQueue, the drains, the public operations, the
 * multi operations, flushBulk, the queues) and kills mutants with the engine's unit tests
 * plus a sampled `dst run` sweep on hardened (mutation/sweep.mutation.ts). Static mutants
 * (module-level constants, which would re-run every test) are skipped.
 * `npm run mutation:all` mutates every engine/ file (without its tests, test helpers,
 * the deliberate-bug seam and the decoders of engine/decode/): about 1,200 mutants,
 * some two hours on a loaded 2-core machine.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
/** The files `npm run mutation` mutates. */
export const CORE = [
  'engine/dispatch.ts',
  'engine/run-loop.ts',
  'engine/flush-queue.ts',
  'engine/fail-queue.ts',
  'engine/drain.ts',
  'engine/drain-channel.ts',
  'engine/answer.ts',
  'engine/ops-common.ts',
  'engine/ops-bulk.ts',
  'engine/ops-read.ts',
  'engine/ops-search.ts',
  'engine/multi.ts',
  'engine/flush-bulk.ts',
  'engine/queue.ts',
];

/** Every engine/ file worth mutating (`npm run mutation:all`). */
export const ALL = ['engine/*.ts', '!engine/*.test.ts', '!engine/index.ts', '!engine/hooks.ts', '!engine/mutants.ts', '!engine/observer.ts', '!engine/core.ts', '!engine/transport.ts'];

export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'mutation/vitest.config.ts' },
  mutate: process.env.DST_MUTATE_ALL === '1' ? ALL : CORE,
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
