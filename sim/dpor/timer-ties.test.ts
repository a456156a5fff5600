/**
 * Timers due at one instant fire in an order a decision picks (a timer tie). The order of
 * two firings matters only when they touch one object (one writing it) or one disarms
 * the other; otherwise every order reaches the same state, and DPOR tries one. Plain DFS
 * tries every order, and groups them into the same classes.
 */
import { describe, expect, it } from 'vitest';
import { explore, Shared, simulate, sleep, type Sim, type Strategy } from '../index.ts';

function count(setup: (sim: Sim) => unknown, reduction: 'none' | 'dpor') {
  return explore((s: Strategy) => simulate({ strategy: s }, setup), () => false, { reduction, countClasses: true, maxSchedules: 200_000 });
}

/** N tasks that sleep alike, then each writes its own cell: N timers due at once, none touching another's objects. */
function sleepers(n: number): (sim: Sim) => void {
  return (sim) => {
    for (let t = 0; t < n; t++) {
      const c = new Shared(sim, 0, `x${t}`);
      sim.spawn(`t${t}`, function* () {
        yield* sleep(5);
        c.store(1, `t${t} store`);
      });
    }
  };
}

/** N kernel timers due at once that each write one shared cell: every order is its own class. */
function writingTimers(n: number): (sim: Sim) => void {
  return (sim) => {
    const c = new Shared(sim, 0, 'x');
    for (let t = 0; t < n; t++) sim.schedule(5, `w${t}`, () => c.store(t + 1, `w${t}`));
    keepAlive(sim);
  };
}

/** Two timers due at once, the first of which disarms the second: firing the second first is another class. */
function disarming(sim: Sim): void {
  const c = new Shared(sim, 0, 'x');
  const b = sim.schedule(5, 'b', () => c.store(2, 'b'));
  sim.schedule(5, 'a', () => {
    sim.unschedule(b);
  });
  keepAlive(sim);
}

/** Two `time.After` channels due at once, nobody reading them: their timers share a name, not an object. */
function twoAfters(sim: Sim): void {
  sim.after(5);
  sim.after(5);
  keepAlive(sim);
}

/** A task that outlives the timers (a run ends when its last task does). */
function keepAlive(sim: Sim): void {
  sim.spawn('main', function* () {
    yield* sleep(10);
  });
}

describe('timer ties under DPOR', () => {
  for (const n of [2, 3, 4]) {
    it(`${n} independent timers due at once: one order, one class`, () => {
      const d = count(sleepers(n), 'dpor');
      expect(d.exhausted).toBe(true);
      expect(d.schedules).toBe(1);
      expect(d.classes).toBe(1);
    });
  }

  it('timers that write one cell: every order is tried (3! classes)', () => {
    const d = count(writingTimers(3), 'dpor');
    expect(d.exhausted).toBe(true);
    expect(d.classes).toBe(6);
  });

  it('a timer that disarms its peer: both orders are tried', () => {
    const d = count(disarming, 'dpor');
    expect(d.exhausted).toBe(true);
    expect(d.classes).toBe(2);
  });

  it('two timers of one name due at once are named by what armed them, not by firing order: both orders are one class', () => {
    const all = count(twoAfters, 'none');
    expect(all.schedules).toBe(2);
    expect(all.classes).toBe(1);
    expect(count(twoAfters, 'dpor').schedules).toBe(1);
  });

  it("plain DFS's classes are DPOR's", () => {
    for (const p of [sleepers(3), writingTimers(3), disarming, twoAfters]) {
      const all = count(p, 'none');
      const d = count(p, 'dpor');
      expect(new Set(d.signatures)).toEqual(new Set(all.signatures));
    }
  });
});
