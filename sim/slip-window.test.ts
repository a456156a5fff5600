/**
 * A time slip models a goroutine slow to be scheduled: the clock moves on to the next
 * timer while a task could run. It moves at most {@link MAX_SLIP} at once. Without a
 * window, one slip could carry the clock 40 s ahead of a runnable task, past a 60 s deadline
 * no real schedule reaches, and a stall no real process survives showed up as bugs in a
 * correct program.
 */
import { describe, expect, it } from 'vitest';
import { gosched, MAX_SLIP, ms, sec, simulate, sleep, type Label, type Strategy } from './index.ts';
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
