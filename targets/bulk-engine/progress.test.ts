/**
 * Every progress, resource and correctness property fails on a deliberately broken
 * engine (a mutant through the hook seam) and passes the same scenario on `hardened`:
 * a checker that cannot fail is a defect.
 */
import { describe, expect, it } from 'vitest';
import type { Mutant } from '../../engine/index.ts';
import { runCase, type CaseReport } from '../../harness/case.ts';
import { loadScenario, parseScenario } from '../../scenario/load.ts';
import type { ScenarioInput } from '../../scenario/schema.ts';
import { engineCase } from './testing.ts';

/** A few agents doing every kind of checkin call, with no fault and no disconnect, then shutdown. */
function scenario(over: Partial<ScenarioInput['workload']> = {}, extra: Partial<ScenarioInput> = {}) {
  return parseScenario(
    {
      name: 'progress-test',
      durationS: 5,
      drainS: 30,
      workload: {
        agents: 6,
        startSpreadS: 0.5,
        backgroundMultiUpdateEveryS: 2,
        checkin: { actionSearch: 0.5, upgradeUpdate: 1, apiKeyUpdate: 0, disconnect: 0, longPollS: { min: 0.5, max: 1 }, gapS: { min: 0, max: 0.2 } },
        ...over,
      },
      ...extra,
    },
    'progress-test',
  );
}

const calm = scenario();
const disconnecting = scenario({ checkin: { actionSearch: 0.5, upgradeUpdate: 1, apiKeyUpdate: 0, disconnect: 1, disconnectAfterS: { min: 0, max: 0.1 }, longPollS: { min: 0.5, max: 1 }, gapS: { min: 0, max: 0.2 } } });
const resets = scenario({ agents: 20 }, { durationS: 120, bulker: { maxPending: 2 }, elasticsearch: { connectionReset: 0.5 } });

function run(sc: ReturnType<typeof scenario>, mutants: Mutant[] = [], seed = 1): CaseReport {
  return runCase(engineCase({ scenario: sc, variant: 'hardened', seed, mutants })).report;
}

interface Row {
  readonly property: string;
  readonly mutant: Mutant;
  readonly scenario: ReturnType<typeof scenario>;
}

/** Shipped scenarios are named in the test title; the local ones above are not. */
const label = (r: Row) => (r.scenario.name === 'progress-test' ? '' : ` on ${r.scenario.name}`);

const rows: Row[] = [
  { property: 'fault-free-success', mutant: 'timer-never-armed', scenario: calm },
  { property: 'fault-free-success', mutant: 'timer-never-armed', scenario: loadScenario('smoke') },
  { property: 'counted-resources', mutant: 'flush-keeps-slot-on-error', scenario: resets },
  { property: 'counted-resources', mutant: 'flush-keeps-slot-on-error', scenario: loadScenario('es-brownout') },
  { property: 'run-alive', mutant: 'flush-keeps-slot-on-error', scenario: resets },
  { property: 'run-alive', mutant: 'run-ignores-cancel', scenario: calm },
  { property: 'call-deadline', mutant: 'call-outlives-context', scenario: disconnecting },
  { property: 'request-oracle', mutant: 'drop-refresh', scenario: calm },
  { property: 'request-oracle', mutant: 'drop-retry-on-conflict', scenario: calm },
  { property: 'answer-oracle', mutant: 'multi-results-reversed', scenario: calm },
  { property: 'answer-oracle', mutant: 'flush-forgets-answers', scenario: calm },
  { property: 'read-your-writes', mutant: 'ack-without-write', scenario: calm },
  { property: 'explained-errors', mutant: 'flush-fails-unsent', scenario: calm },
];

describe('progress, resource and correctness properties fail on a broken engine and pass on hardened', () => {
  for (const row of rows) {
    it(`${row.property}: fails on mutant ${row.mutant}${label(row)}`, () => {
      const r = run(row.scenario, [row.mutant]);
      const v = r.violations.find((x) => x.property === row.property);
      expect(v, `expected ${row.property} among: ${[...new Set(r.violations.map((x) => x.property))].join(', ') || 'none'}`).toBeDefined();
      expect(v?.message.length ?? 0).toBeGreaterThan(10);
    });
  }
  for (const sc of [calm, disconnecting, resets]) {
    it(`hardened passes ${sc === calm ? 'the calm' : sc === resets ? 'the resetting' : 'the disconnecting'} scenario`, () => {
      expect(run(sc).violations.map((v) => `${v.property}: ${v.message}`)).toEqual([]);
    });
  }

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
