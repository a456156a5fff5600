/**
 * The pre-run phase: configuration decisions drawn before any task exists, recorded
 * ahead of the run's own decisions, and replayed exactly.
 */
import { describe, expect, it } from 'vitest';
import { gosched, label, PreRun, RandomWalk, Replay, Sim } from './index.ts';

const knob = label('test.prerun-knob', 'workload');

function program(seed: number | null, decisions?: { label: string; width: number; choice: number }[]) {
  const strategy = decisions === undefined ? new RandomWalk(seed ?? 0) : new Replay(decisions);
  const pre = new PreRun(strategy);
  const fast = pre.decide(4, knob);
  const sim = new Sim({ strategy, preRun: pre, timeSlip: fast === 0 });
  for (let i = 0; i < 3; i++) sim.spawn(`t${i}`, function* () { yield* gosched(); });
  return { fast, result: sim.run() };
}

describe('PreRun', () => {
  it('records its decisions first in the run log, so a replay of the log reproduces the run', () => {
    const a = program(7);
    const log = a.result.decisions.toArray();
    expect(log[0]).toMatchObject({ label: 'test.prerun-knob', width: 4, choice: a.fast });
    const b = program(null, log);
    expect(b.fast).toBe(a.fast);
    expect(b.result.traceHash).toBe(a.result.traceHash);
    expect(b.result.outcome.kind).toBe('ok');
  });

  it('a replay that diverges in the pre-run phase ends the run at once as replay-divergence', () => {
    const r = program(null, [{ label: 'something-else', width: 4, choice: 1 }]);
    expect(r.result.outcome.kind).toBe('replay-divergence');
    expect(r.result.steps).toBe(0);
  });

  it('is handed to one kernel only, and must share its strategy', () => {
    const s = new RandomWalk(1);
    const pre = new PreRun(s);
    new Sim({ strategy: s, preRun: pre });
    expect(() => new Sim({ strategy: s, preRun: pre })).toThrow(/one kernel/);
    expect(() => new Sim({ strategy: new RandomWalk(2), preRun: new PreRun(s) })).toThrow(/share one strategy/);
  });
});

describe('label', () => {
  it('a label name belongs to one stream', () => {
    label('test.one-stream', 'fault');
    expect(() => label('test.one-stream', 'sched')).toThrow(/stream fault/);
  });
});
