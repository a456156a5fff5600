/**
 * A vitest reporter that repeats, at the end of the run, that the viewer's browser test
 * was skipped for want of Chromium and how to enable it (the skip is easy to miss in the
 * middle of the output).
 */
import { existsSync } from 'node:fs';
import type { Reporter } from 'vitest/node';
import { CHROMIUM, INSTALL_CHROMIUM } from '../chromium.ts';

/** Prints the notice after the run when Chromium is missing. */
export default class BrowserNoticeReporter implements Reporter {
  onTestRunEnd(): void {
    if (existsSync(CHROMIUM)) return;
    process.stdout.write(`\nNote: the viewer's browser test was SKIPPED (no Chromium at ${CHROMIUM}); run "${INSTALL_CHROMIUM}" to enable it. Under CI=true it fails instead.\n`);
  }
}
