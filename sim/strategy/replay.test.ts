/**
 * Replay of recorded decision lists (the canonical repro; mirrors re-running a Go test
 * with the same scheduler decisions).
 */
import { describe, expect, it } from 'vitest';
import { ms, RandomWalk, Replay, simulate, sleep, type Sim } from '../index.ts';

/** `n` kernel timers due at the same instant and one task outliving them. */
const ties = (n: number) => (sim: Sim) => {
  const order: number[] = [];
  for (let i = 0; i < n; i++) sim.schedule(ms(5), `t${i}`, () => order.push(i));
  sim.spawn('main', function* () {
    yield* sleep(ms(10));
  });
  return order;
};

describe('replay', () => {
  it('a divergence at a kernel-context decision (timer tie) is an outcome, not a thrown error (bug: RunAbort escaped run())', () => {
    const rec = simulate({ strategy: new RandomWalk(4) }, ties(2));
    expect(rec.decisions.toArray()).toEqual([{ label: 'timer-tie', width: 2, choice: rec.state[0] }]);
    const r = simulate({ strategy: new Replay(rec.decisions.toArray()) }, ties(3));
    expect(r.outcome.kind).toBe('replay-divergence');
    expect(r.outcome.message).toContain('decision #0');
    expect(r.outcome.message).toContain('timer-tie (width 2)');
    expect(r.outcome.message).toContain('timer-tie (width 3)');
  });
});
