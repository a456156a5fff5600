/**
 * Retained memory as Go's GC would see it: a block nobody references is garbage (pool
 * accounting), a block a parked caller or the engine holds is retained. Measuring it
 * changes no trace hash.
 */
import { describe, expect, it } from 'vitest';
import { runCase } from '../../harness/case.ts';
import { NO_HOOKS } from '../../engine/index.ts';
import { loadScenario } from '../../scenario/load.ts';
import { buildWorld, runLimits } from '../../scenario/world.ts';
import { RandomWalk, Sim } from '../../sim/index.ts';
import { engineCase } from './testing.ts';

const retained = (scenario: string, variant: 'pre-fix' | 'upstream' | 'hardened', seed = 0) => runCase(engineCase({ scenario, variant, seed })).report.retained;

describe('retained blocks', () => {
  it('differ pre-fix vs hardened on checkin-storm; the blocks pre-fix never frees are garbage, not retained', () => {
    const pre = retained('checkin-storm', 'pre-fix');
    const hard = retained('checkin-storm', 'hardened');
    expect(pre).not.toEqual(hard);
    expect(pre.noun).toBe('block');
    expect(pre.peakRetained).toBeGreaterThan(0);
    // Answers sent to blocks whose callers left sit in their response channels.
    expect(pre.peakBufferedValues).toBeGreaterThan(hard.peakBufferedValues);
    // Nothing references a leaked block once its caller returned: at the end, nothing is retained.
    expect(pre.finalRetained).toBe(0);
    expect(hard.finalRetained).toBe(0);
  });

  it('a stuck caller retains its block and its bytes at the end; hardened retains nothing', () => {
    const up = retained('shutdown-under-load', 'upstream');
    expect(up.finalParkedTasks).toBeGreaterThan(0);
    expect(up.finalRetained).toBeGreaterThan(0);
    expect(up.finalRetainedBytes).toBeGreaterThan(0);
    const hard = retained('shutdown-under-load', 'hardened');
    expect(hard.finalRetained).toBe(0);
    expect(hard.finalParkedTasks).toBe(0);
  });

  it('sampling changes no trace hash', () => {
    const scenario = loadScenario('shutdown-under-load');
    const bare = new Sim({ strategy: new RandomWalk(3), keepTrace: false, ...limitsOf(scenario) });
    buildWorld(bare, scenario, 'upstream', NO_HOOKS);
    const observed = runCase(engineCase({ scenario: 'shutdown-under-load', variant: 'upstream', seed: 3 })).report;
    expect(observed.retained.samples).toBeGreaterThan(10);
    expect(bare.run().traceHash).toBe(observed.traceHash);
  });
});

function limitsOf(s: ReturnType<typeof loadScenario>) {
  const l = runLimits(s);
  return { until: l.until as number, maxSteps: l.maxSteps as number, maxTime: l.maxTime as number, timeSlip: l.timeSlip as boolean };
}
