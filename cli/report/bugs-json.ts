/**
 * The `bugs[]` and `retention` parts of `dst run --json` (DESIGN §10): one entry per
 * distinct bug with its smallest run, and retained memory per scenario and per run.
 */
import type { CaseReport } from '../../harness/case.ts';
import type { ReportedBug } from './bugs.ts';
import { retentionByScenario } from './retention.ts';

/** One bug as `--json` shows it. */
export function bugJson(b: ReportedBug): Record<string, unknown> {
  const s = b.smallest;
  return {
    signature: b.signature,
    property: b.property,
    severity: b.severity,
    runs: b.runs,
    firstSeed: b.firstSeed,
    firstScenario: b.firstScenario,
    smallest: {
      scenario: s.scenario,
      variant: s.variant,
      seed: s.seed,
      strategy: s.strategy,
      steps: s.steps,
      decisions: s.decisions,
      ...(s.schedule !== undefined && { preemptions: s.schedule.preemptions, wakeeFirst: s.schedule.wakeeFirst }),
      traceHash: s.traceHash,
      replay: s.replay,
      retained: s.retained,
      ...(s.switches !== undefined && { switches: s.switches }),
    },
    variants: b.variants,
    runsByVariant: b.runsByVariant,
    scenarios: b.scenarios,
    message: b.message,
    consequences: b.consequences,
    ...(b.needs !== undefined && { needs: b.needs }),
    ...(b.go !== undefined && { go: b.go }),
  };
}

/** Retained memory: the worst run per scenario, and every run's figures. */
export function retentionJson(reports: readonly CaseReport[]): Record<string, unknown> {
  return {
    byScenario: retentionByScenario(reports),
    runs: reports.map((r) => ({ scenario: r.scenario, ...(r.scenarioRef !== r.scenario && { scenarioRef: r.scenarioRef }), variant: r.variant, seed: r.seed, ...r.retained })),
  };
}
