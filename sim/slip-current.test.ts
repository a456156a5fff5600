/**
 * What the kernel tells a strategy is the "current" task after a time slip: a task that
 * had parked is not preempted by a firing, even one the firing wakes, so switching away
 * from it costs no preemption; a task the slip interrupted stays current. DFS, DPOR and a
 * preemption bound count preemptions from this, and the Go scheduler model adopts it.
 */
import { describe, expect, it } from 'vitest';
import { gosched, simulate, sleep, type Label, type RunnableView, type Strategy } from './index.ts';
import { Labels } from './label.ts';

/** Prefers the sleeper, takes every other time slip offered, and records every scheduling decision's `current`. */
class Recorder implements Strategy {
  readonly name = 'recorder';
  readonly seen: string[] = [];
  private offers = 0;
  choose(_width: number, l: Label): number {
    if (l !== Labels.timeSlip) return 0;
    this.seen.push(this.offers % 2 === 0 ? 'fire' : 'wait');
    return this.offers++ % 2 === 0 ? 1 : 0;
  }
  chooseTask(width: number, current: number, tasks: RunnableView): number {
    const names = Array.from({ length: width }, (_, k) => tasks.name(k));
    this.seen.push(`current ${current >= 0 ? names[current] : 'none'} of ${names.join(',')}`);
    const s = names.indexOf('sleeper');
    return s >= 0 ? s : 0;
  }
}

describe('the current task after a time slip', () => {
  it('is none when the task that ran last had parked (the firing woke it), and stays the task a slip interrupted', () => {
    const r = new Recorder();
    simulate({ strategy: r, timeSlip: true }, (sim) => {
      sim.spawn('sleeper', function* () {
        yield* sleep(5);
        yield* sleep(5);
      });
      sim.spawn('spinner', function* () {
        for (let i = 0; i < 4; i++) yield* gosched();
      });
    });
    expect(r.seen).toEqual([
      'current none of sleeper,spinner',
      // The sleeper parked; the slip fires its timer before the spinner steps: the sleeper is runnable again, not interrupted.
      'fire',
      'current none of spinner,sleeper',
      // The sleeper parked again; the spinner steps alone, then a slip fires while it could go on: it stays current.
      'wait',
      'fire',
      'current spinner of spinner,sleeper',
    ]);
  });
});
