/**
 * A time slip models a goroutine slow to be scheduled: the clock moves on to the next
 * timer while a task could run. It moves at most {@link MAX_SLIP} at once. Without a
 * window, one slip could carry the clock 40 s ahead of a runnable task, past a 60 s deadline
 * no real schedule reaches, and a stall no real process survives showed up as bugs in a
 * correct program.
 */
import { describe, expect, it } from 'vitest';
import { explore, gosched, MAX_SLIP, ms, sec, Shared, simulate, sleep, type Label, type Sim, type Strategy } from './index.ts';
import { Labels } from './label.ts';

/** Takes every time slip it is offered; otherwise the first choice. */
const alwaysSlip: Strategy = {
  name: 'always-slip',
  choose: (_width: number, l: Label) => (l === Labels.timeSlip ? 1 : 0),
  chooseTask: () => 0,
};

function slipsWith(sleepFor: number): readonly { readonly from: number; readonly to: number }[] {
  return simulate({ strategy: alwaysSlip, timeSlip: true }, (sim) => {
    // The sleeper runs first and arms its timer; then the spinner could run at every decision.
    sim.spawn('sleeper', function* () {
      yield* sleep(sleepFor);
    });
    sim.spawn('spinner', function* () {
      for (let i = 0; i < 20; i++) yield* gosched();
    });
    return sim;
  }).state.slips;
}

describe('a time slip moves the clock at most MAX_SLIP', () => {
  it('fires a timer due within the window early', () => {
    expect(slipsWith(ms(500))).toEqual([{ from: 0, to: ms(500) }]);
  });

  it('is one second', () => {
    expect(MAX_SLIP).toBe(sec(1));
  });

  it('never fires one due further away while a task can run: the clock waits until the tasks stop', () => {
    expect(slipsWith(sec(40))).toEqual([]);
  });
});

/** Classes of a program with one timer due within the window and one beyond it, explored with time slips. */
function classesOf(reduction: 'none' | 'dpor'): Set<number> {
  const program = (sim: Sim) => {
    const x = new Shared(sim, 0, 'x');
    sim.schedule(ms(500), 'near', () => x.store(x.peek() * 3 + 1, 'near'));
    sim.schedule(sec(2), 'far', () => x.store(x.peek() * 5 + 2, 'far'));
    sim.spawn('a', function* () {
      x.store(x.peek() * 7 + 3, 'a');
      yield* gosched();
      x.store(x.peek() * 11 + 4, 'a again');
    });
    sim.spawn('b', function* () {
      yield* sleep(sec(1));
      x.load('b');
    });
  };
  const r = explore((s: Strategy) => simulate({ strategy: s, timeSlip: true }, program), () => false, { reduction, countClasses: true, stopAtFirstFailure: false, maxSchedules: 5_000 });
  expect(r.exhausted).toBe(true);
  return new Set(r.signatures);
}

describe('the reduction with the slip window', () => {
  it('covers every class plain DFS reaches when a timer is due beyond the window', () => {
    const all = classesOf('none');
    // 75 classes without the window: the 2 s timer could also fire while a task could run.
    expect(all.size).toBe(60);
    expect(classesOf('dpor')).toEqual(all);
  });
});
