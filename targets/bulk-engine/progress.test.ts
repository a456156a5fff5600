/**
 * Every progress, resource and correctness property fails on a deliberately broken
 * engine (a mutant through the hook seam) and passes the same scenario on `hardened`:
 * a checker that cannot fail is a defect. Each gives a signature of its own, from typed
 * facts, that another seed of the same bug gives too.
 */
import { describe, expect, it } from 'vitest';
import type { Mutant, VariantName } from '../../engine/index.ts';
import { runCase, type CaseReport } from '../../harness/case.ts';
import { loadScenario } from '../../scenario/load.ts';
import type { ScenarioInput } from '../../scenario/schema.ts';
import { engineCase, smallScenario } from './testing.ts';

const scenario = (over: Partial<ScenarioInput['workload']> = {}, extra: Partial<ScenarioInput> = {}) => smallScenario('progress-test', over, extra);

const calm = scenario();
const disconnecting = scenario({ checkin: { actionSearch: 0.5, upgradeUpdate: 1, apiKeyUpdate: 0, disconnect: 1, disconnectAfterS: { min: 0, max: 0.1 }, longPollS: { min: 0.5, max: 1 }, gapS: { min: 0, max: 0.2 } } });
const resets = scenario({ agents: 20 }, { durationS: 120, bulker: { maxPending: 2 }, elasticsearch: { connectionReset: 0.5 } });

function run(sc: ReturnType<typeof scenario>, mutants: Mutant[] = [], seed = 1, variant: VariantName = 'hardened'): CaseReport {
  return runCase(engineCase({ scenario: sc, variant, seed, mutants })).report;
}

interface Row {
  readonly property: string;
  readonly mutant: Mutant;
  readonly scenario: ReturnType<typeof scenario>;
  /** A signature the property must give, built from typed facts (no ids, no message text). */
  readonly signature: string;
  /** The variant the mutant runs on, when hardened has closed the path the property watches (default hardened). */
  readonly variant?: VariantName;
}

/** Shipped scenarios are named in the test title; the local ones above are not. */
const label = (r: Row) => (r.scenario.name === 'progress-test' ? '' : ` on ${r.scenario.name}`) + (r.variant === undefined ? '' : ` (${r.variant})`);

const rows: Row[] = [
  { property: 'fault-free-success', mutant: 'timer-never-armed', scenario: calm, signature: 'fault-free-success: ReadRaw had not succeeded when the server stopped' },
  { property: 'fault-free-success', mutant: 'timer-never-armed', scenario: loadScenario('smoke'), signature: 'fault-free-success: ReadRaw had not succeeded when the server stopped' },
  { property: 'counted-resources', mutant: 'flush-keeps-slot-on-error', scenario: resets, signature: 'counted-resources: bulker.flushSem slot still held by flush-*-fleetSearch, which had ended' },
  { property: 'counted-resources', mutant: 'flush-keeps-slot-on-error', scenario: loadScenario('es-brownout'), signature: 'counted-resources: bulker.flushSem slot still held by flush-*-search, which had ended' },
  // hardened has no acquire timeout (acquireOnRunCtx): its Run waits for a kept slot instead of returning.
  { property: 'run-alive', mutant: 'flush-keeps-slot-on-error', scenario: resets, signature: 'run-alive: Run returned while its context was live', variant: 'upstream' },
  { property: 'run-alive', mutant: 'run-ignores-cancel', scenario: calm, signature: 'run-alive: Run did not return after its context was cancelled' },
  { property: 'call-deadline', mutant: 'call-outlives-context', scenario: disconnecting, signature: 'call-deadline: Update returned after its context was cancelled' },
  { property: 'request-oracle', mutant: 'drop-refresh', scenario: calm, signature: 'request-oracle: Update sent to /_bulk, asked for /_bulk?refresh=true' },
  { property: 'request-oracle', mutant: 'drop-retry-on-conflict', scenario: calm, signature: 'request-oracle: Update item differs in retry_on_conflict' },
  { property: 'answer-oracle', mutant: 'multi-results-reversed', scenario: calm, signature: 'answer-oracle: MUpdate results not in input order' },
  { property: 'answer-oracle', mutant: 'flush-forgets-answers', scenario: calm, signature: 'answer-oracle: Update carried by a flush and never answered' },
  { property: 'read-your-writes', mutant: 'ack-without-write', scenario: calm, signature: 'read-your-writes: ReadRaw missed an acknowledged Update of field upgrade_details' },
  { property: 'explained-errors', mutant: 'flush-fails-unsent', scenario: calm, signature: 'explained-errors: Update returned an unexplained error; its flush sent nothing' },
];

describe('progress, resource and correctness properties fail on a broken engine and pass on hardened', () => {
  for (const row of rows) {
    it(`${row.property}: fails on mutant ${row.mutant}${label(row)}`, () => {
      const r = run(row.scenario, [row.mutant], 1, row.variant);
      const v = r.violations.find((x) => x.property === row.property);
      expect(v, `expected ${row.property} among: ${[...new Set(r.violations.map((x) => x.property))].join(', ') || 'none'}`).toBeDefined();
      expect(v?.message.length ?? 0).toBeGreaterThan(10);
      expect(Object.keys(r.signatureCounts)).toContain(row.signature);
    });
  }
  for (const sc of [calm, disconnecting, resets]) {
    it(`hardened passes ${sc === calm ? 'the calm' : sc === resets ? 'the resetting' : 'the disconnecting'} scenario`, () => {
      expect(run(sc).violations.map((v) => `${v.property}: ${v.message}`)).toEqual([]);
    });
  }

  it('every new property sets its own signature, without ids, and another seed gives the same one', () => {
    for (const row of rows.filter((x) => x.scenario === calm || x.scenario === disconnecting)) {
      const sigs = Object.keys(run(row.scenario, [row.mutant], 2).signatureCounts).filter((x) => x.startsWith(`${row.property}: `));
      expect(sigs, row.mutant).toContain(row.signature);
      for (const sig of sigs) expect(sig, row.mutant).not.toMatch(/\d/);
    }
  });

  it('request-oracle names the call and the dropped option', () => {
    const v = run(calm, ['drop-retry-on-conflict']).violations.find((x) => x.property === 'request-oracle');
    expect(v?.message).toMatch(/Update call #\d+ by agent-\d+/);
    expect(v?.message).toContain('retry_on_conflict');
  });

  it('counted-resources names the flush task that kept its slot and the step that acquired it', () => {
    const v = run(resets, ['flush-keeps-slot-on-error']).violations.find((x) => x.property === 'counted-resources');
    expect(v?.message).toMatch(/of bulker\.flushSem \(size 2\) still held at the end by flush-\d+-\w+, which had ended; acquired for it by bulker\.run at step \d+/);
  });
});
