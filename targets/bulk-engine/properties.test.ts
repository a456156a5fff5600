/**
 * A checker that cannot fail is a defect: for every property, a deliberately broken
 * engine (a mutant, or a real upstream bug) makes it fail, and the correct engine on
 * the same scenario passes it.
 */
import { describe, expect, it } from 'vitest';
import type { Mutant, VariantName } from '../../engine/index.ts';
import { runCase, type CaseReport } from '../../harness/case.ts';
import { withDeterminism } from '../../harness/sweep.ts';
import type { ScenarioInput } from '../../scenario/schema.ts';
import { engineCase, smallScenario } from './testing.ts';

const scenario = (over: Partial<ScenarioInput['workload']> = {}, extra: Partial<ScenarioInput> = {}) => smallScenario('checker-test', over, extra);

function run(variant: VariantName, sc: ReturnType<typeof scenario>, mutants: Mutant[] = [], seed = 1): CaseReport {
  return runCase(engineCase({ scenario: sc, variant, seed, mutants })).report;
}

const failing = (r: CaseReport, p: string) => r.violations.some((v) => v.property === p);

interface Row {
  readonly property: string;
  readonly broken: string;
  readonly run: () => CaseReport;
  readonly correct: () => CaseReport;
}

const base = scenario();
const rows: Row[] = [
  { property: 'block-lifecycle', broken: 'upstream (V5: an unknown agent)', run: () => run('upstream', scenario({ unknownAgents: 0.5 })), correct: () => run('hardened', scenario({ unknownAgents: 0.5 })) },
  { property: 'use-after-free', broken: 'mutant read-after-free', run: () => run('hardened', base, ['read-after-free']), correct: () => run('hardened', base) },
  {
    property: 'use-after-free',
    broken: "upstream's flushUpdateAPIKey (reads next after the send)",
    run: () => run('upstream', scenario({ agents: 40, checkin: { apiKeyUpdate: 1, upgradeUpdate: 0, actionSearch: 0, disconnect: 0, longPollS: { min: 0.2, max: 0.4 }, gapS: { min: 0, max: 0 } } })),
    correct: () => run('hardened', scenario({ agents: 40, checkin: { apiKeyUpdate: 1, upgradeUpdate: 0, actionSearch: 0, disconnect: 0, longPollS: { min: 0.2, max: 0.4 }, gapS: { min: 0, max: 0 } } })),
  },
  {
    property: 'data-race',
    broken: "upstream's flushUpdateAPIKey (reads next after the send that hands the block back)",
    run: () => run('upstream', scenario({ agents: 4, checkin: { apiKeyUpdate: 1, upgradeUpdate: 0, actionSearch: 0, disconnect: 0, longPollS: { min: 0.2, max: 0.4 }, gapS: { min: 0, max: 0 } } })),
    correct: () => run('hardened', scenario({ agents: 4, checkin: { apiKeyUpdate: 1, upgradeUpdate: 0, actionSearch: 0, disconnect: 0, longPollS: { min: 0.2, max: 0.4 }, gapS: { min: 0, max: 0 } } })),
  },
  { property: 'double-free', broken: 'mutant double-free', run: () => run('hardened', base, ['double-free']), correct: () => run('hardened', base) },
  { property: 'no-panic', broken: 'mutant answer-twice', run: () => run('hardened', base, ['answer-twice']), correct: () => run('hardened', base) },
  { property: 'one-outcome-per-call', broken: 'mutant late-second-answer', run: () => run('hardened', base, ['late-second-answer']), correct: () => run('hardened', base) },
  { property: 'no-stuck-tasks', broken: 'mutant run-ignores-cancel', run: () => run('hardened', base, ['run-ignores-cancel']), correct: () => run('hardened', base) },
  {
    property: 'no-stuck-tasks',
    broken: 'upstream (V7b: a caller whose context never ends)',
    run: () => run('upstream', scenario({ agents: 0, backgroundCallers: { count: 1, everyS: 0.5 } }, { shutdown: { serverDrainS: 0.2 } })),
    correct: () => run('hardened', scenario({ agents: 0, backgroundCallers: { count: 1, everyS: 0.5 } }, { shutdown: { serverDrainS: 0.2 } })),
  },
  { property: 'durable-acks', broken: 'mutant ack-without-write', run: () => run('hardened', base, ['ack-without-write']), correct: () => run('hardened', base) },
  { property: 'determinism', broken: 'mutant math-random (nondeterminism guard)', run: () => run('hardened', base, ['math-random']), correct: () => run('hardened', base) },
];

describe('every property fails on a broken engine and passes on a correct one', () => {
  for (const row of rows) {
    it(`${row.property}: fails on ${row.broken}`, () => {
      const r = row.run();
      expect(failing(r, row.property), `expected ${row.property} among: ${r.violations.map((v) => v.property).join(', ') || 'none'}`).toBe(true);
      const v = r.violations.find((x) => x.property === row.property);
      expect(v?.message.length ?? 0).toBeGreaterThan(10);
    });
    it(`${row.property}: passes the same scenario on the correct engine`, () => {
      const r = row.correct();
      expect(r.violations.map((v) => `${v.property}: ${v.message}`)).toEqual([]);
    });
  }

  it('determinism: --check-determinism catches hidden state kept across runs (mutant hidden-global)', () => {
    const spec = engineCase({ scenario: base, variant: 'hardened', seed: 1 });
    const mutated = engineCase({ scenario: base, variant: 'hardened', seed: 1, mutants: ['hidden-global'] });
    const broken = withDeterminism(mutated, runCase(mutated).report);
    expect(broken.property).toBe('determinism');
    const ok = withDeterminism(spec, runCase(spec).report);
    expect(ok.passed).toBe(true);
  });

  it('block-lifecycle explains a leak in the user\'s terms (operation, owner, time, what the caller returned)', () => {
    const r = run('upstream', scenario({ unknownAgents: 1, agents: 1 }));
    const v = r.violations.find((x) => x.property === 'block-lifecycle');
    expect(v?.message).toMatch(/^block \d+\.\d+ \(ReadRaw, acquired by agent-0 at \d+\.\d{3}s\) was never freed: its caller returned "elastic not found" without freeing it/);
    expect(v?.evidence.history?.[0]?.event).toBe('acquire');
  });
});
