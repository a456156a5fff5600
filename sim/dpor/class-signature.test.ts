/**
 * Class signatures name events and objects canonically: by what made them, whatever the
 * order of independent events, and in names of bounded length.
 */
import { describe, expect, it } from 'vitest';
import { simulate, sleep, type Sim, type Strategy } from '../index.ts';
import { classSignature } from './class-signature.ts';
import { DependencyLog } from './dependency-log.ts';

/** A kernel timer that re-arms itself `n` times (each timer made by the previous firing), while a task sleeps past them all. */
function chain(n: number): (sim: Sim) => void {
  return (sim) => {
    let left = n;
    const tick = (): void => {
      if (--left > 0) sim.schedule(1, 'tick', tick);
    };
    sim.schedule(1, 'tick', tick);
    sim.spawn('main', function* () {
      yield* sleep(n + 1);
    });
  };
}

function signatureOf(setup: (sim: Sim) => unknown): string {
  const log = new DependencyLog();
  const s: Strategy = { name: 'first', dependencies: log, choose: () => 0, chooseTask: () => 0 };
  simulate({ strategy: s }, setup);
  return classSignature(log, []);
}

describe('class signatures', () => {
  it('keep names short along a chain of timers each armed by the previous firing (a ticker)', () => {
    const short = signatureOf(chain(10));
    const long = signatureOf(chain(2_000));
    // Linear in the events, not quadratic: each name is at most a hash long.
    expect(long.length / short.length).toBeLessThan(2_000 / 10 * 2);
    expect(Math.max(...long.split(/[;\n| ]/).map((w) => w.length))).toBeLessThan(200);
  });
});
