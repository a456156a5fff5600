/**
 * The watchdog is outside determinism: a run within budget has the same trace hash and
 * decisions with or without it, however often it is consulted; when it trips, the run
 * ends with outcome `resource-budget`. The harness's budget watchdog reads the host's
 * clock and heap without tripping the nondeterminism guard.
 */
import { describe, expect, it } from 'vitest';
import { budgetWatchdog } from './resource-budget.ts';
import { RandomWalk, gosched, label, ms, sleep, simulate, type Sim, type Watchdog } from '../sim/index.ts';

const pause = label('watchdog-test.pause', 'workload');

function program(sim: Sim): void {
  const ch = sim.chan<number>(1, 'c');
  for (let i = 0; i < 20; i++) {
    sim.spawn(`w${i}`, function* () {
      for (let k = 0; k < 50; k++) {
        yield* sleep(ms(sim.decide(3, pause) + 1));
        yield* gosched();
      }
    });
  }
  sim.spawn('c', function* () {
    ch.trySend(1);
    yield* gosched();
  });
}

const run = (watchdog?: Watchdog) => simulate({ strategy: new RandomWalk(7), ...(watchdog !== undefined && { watchdog }) }, program);

describe('watchdog', () => {
  it('consulted at every iteration and never tripping, it changes neither the hash nor the decisions', () => {
    let calls = 0;
    const plain = run();
    const watched = run({ every: 1, check: () => (calls++, null) });
    expect(calls).toBeGreaterThan(1000);
    expect(watched.outcome.kind).toBe('ok');
    expect(watched.traceHash).toBe(plain.traceHash);
    expect(watched.decisions.toArray()).toEqual(plain.decisions.toArray());
  });

  it('tripping ends the run with resource-budget and its message', () => {
    let n = 0;
    const r = run({ every: 100, check: () => (++n === 3 ? 'heap budget of 1 MB reached' : null) });
    expect(r.outcome.kind).toBe('resource-budget');
    expect(r.outcome.message).toBe('heap budget of 1 MB reached');
  });

  it('the harness budget watchdog reads the host inside a guarded run without a leak', () => {
    const r = run({ ...budgetWatchdog({ maxHeapMb: 1_000_000, maxWallMs: 3_600_000 }), every: 1 });
    expect(r.outcome.kind).toBe('ok');
    expect(r.traceHash).toBe(run().traceHash);
  });
});
