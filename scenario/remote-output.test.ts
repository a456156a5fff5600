/**
 * What each variant does in the remote-output scenarios (issue #17 item 3; see
 * `child-findings.ts` for what is counted), against upstream's `CreateAndGetBulker`
 * (`internal/pkg/bulk/engine.go` l.214–260 at dc8e230).
 */
import { describe, expect, it } from 'vitest';
import { DISTINCT_VARIANTS, VARIANTS } from '../engine/index.ts';
import { runCase } from '../harness/case.ts';
import { engineCase } from '../targets/bulk-engine/testing.ts';
import { childFindings } from './child-findings.ts';
import type { EngineWorld } from './world.ts';

function findings(scenario: string, seeds: number) {
  return DISTINCT_VARIANTS.map((variant) => {
    const sum = { orphans: 0, errChLeaks: 0, deadChildOps: 0 };
    for (let seed = 0; seed < seeds; seed++) {
      const f = childFindings(runCase(engineCase({ scenario, variant, seed })).run.world as EngineWorld);
      sum.orphans += f.orphans;
      sum.errChLeaks += f.errChLeaks;
      sum.deadChildOps += f.deadChildOps;
    }
    return { variant, hardened: VARIANTS[variant].childCreateSerialized, ...sum };
  });
}

describe('remote-output scenarios, per variant', () => {
  it('remote-first-use: concurrent first use orphans children on every upstream variant; hardened makes one', () => {
    for (const f of findings('remote-first-use', 3)) {
      if (f.hardened) expect([f.orphans, f.errChLeaks]).toEqual([0, 0]);
      else expect(f.orphans).toBeGreaterThan(0);
    }
  });
  it('remote-config-change: each cancel leaks the Run goroutine on errCh, and calls racing a change get the cancelled child, upstream; hardened neither', () => {
    for (const f of findings('remote-config-change', 3)) {
      if (f.hardened) expect([f.orphans, f.errChLeaks, f.deadChildOps]).toEqual([0, 0, 0]);
      else expect([f.errChLeaks > 0, f.deadChildOps > 0]).toEqual([true, true]);
    }
  });
  it('remote-failed-recreate: later checkins hand their API-key updates to the cancelled child upstream; hardened never does', () => {
    for (const f of findings('remote-failed-recreate', 3)) {
      if (f.hardened) expect([f.orphans, f.errChLeaks, f.deadChildOps]).toEqual([0, 0, 0]);
      else expect(f.deadChildOps).toBeGreaterThan(0);
    }
  });
});
