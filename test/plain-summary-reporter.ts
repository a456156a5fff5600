/**
 * A vitest reporter that ends the run with one plain line, `Tests: N passed, N failed,
 * N skipped`, which CI systems that read closing lines understand whatever the runner.
 */
import type { Reporter, TestModule } from 'vitest/node';

/** Prints the plain closing line after vitest's own summary. */
export default class PlainSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of testModules) {
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
    }
    process.stdout.write(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
