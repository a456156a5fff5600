/**
 * Replay of recorded decision lists (the canonical repro; mirrors re-running a Go test
 * with the same scheduler decisions).
 */
import { describe, expect, it } from 'vitest';
import { ms, onRecv, RandomWalk, Replay, select, send, simulate, sleep, type Sim } from '../index.ts';

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

  it('replaying a recorded decision list gives the same trace hash (the canonical repro)', () => {
    for (let seed = 0; seed < 20; seed++) {
      const rec = simulate({ strategy: new RandomWalk(seed) }, selects([2, 2, 3]));
      const again = simulate({ strategy: new Replay(rec.decisions.toArray()) }, selects([2, 2, 3]));
      expect(again.outcome.kind).toBe('ok');
      expect(again.traceHash).toBe(rec.traceHash);
      expect(again.state).toEqual(rec.state);
    }
  });

  it('a changed program diverges at the first decision whose width differs, and the message names its index', () => {
    const rec = simulate({ strategy: new RandomWalk(1) }, selects([2, 2, 3]));
    const r = simulate({ strategy: new Replay(rec.decisions.toArray()) }, selects([2, 2, 4]));
    expect(r.outcome.kind).toBe('replay-divergence');
    expect(r.outcome.message).toBe('replay diverged at decision #2: recorded select (width 3), the program asks for select (width 4)');
  });

  it('a changed program that asks for more decisions than recorded diverges at the first extra one', () => {
    const rec = simulate({ strategy: new RandomWalk(1) }, selects([2, 2]));
    const r = simulate({ strategy: new Replay(rec.decisions.toArray()) }, selects([2, 2, 2]));
    expect(r.outcome.kind).toBe('replay-divergence');
    expect(r.outcome.message).toContain('decision #2');
  });

  it('a changed program that ends before using every recorded decision diverges too (bug: it passed silently)', () => {
    const rec = simulate({ strategy: new RandomWalk(1) }, selects([2, 2, 3]));
    const r = simulate({ strategy: new Replay(rec.decisions.toArray()) }, selects([2, 2]));
    expect(r.outcome.kind).toBe('replay-divergence');
    expect(r.outcome.message).toContain('decision #2');
  });
});

/** One task running one select per entry of `widths`, over that many ready buffered channels. */
function selects(widths: number[]) {
  return (sim: Sim): number[] => {
    const picks: number[] = [];
    sim.spawn('main', function* () {
      for (const w of widths) {
        const chans = Array.from({ length: w }, (_, i) => sim.chan<number>(1, `c${i}`));
        for (const c of chans) yield* send(c, 0);
        picks.push((yield* select(chans.map((c) => onRecv(c)))).index);
      }
    });
    return picks;
  };
}
