/**
 * The reduction against plain DFS on small programs over kernel objects the generated
 * oracle does not draw (contexts, reader/writer mutexes, an unbuffered channel): DPOR must cover every class plain
 * DFS sees and reach the same outcomes, races and observations. Each program once lost
 * classes through a state change its object's steps did not record.
 */
import { describe, expect, it } from 'vitest';
import { background, closeChan, explore, gosched, Mutex, onRecv, recv, RWMutex, select, Shared, simulate, withCancel, type RunResult, type Sim, type Strategy } from '../index.ts';

interface Seen {
  readonly classes: ReadonlySet<number>;
  readonly outcomes: ReadonlySet<string>;
  readonly exhausted: boolean;
}

/** Explores `setup` (which returns a log of what its tasks observed) with or without the reduction. */
function seen(setup: (sim: Sim) => { log: string[] }, reduction: 'none' | 'dpor', timeSlip: boolean): Seen {
  const outcomes = new Set<string>();
  const r = explore(
    (s: Strategy) => simulate({ strategy: s, timeSlip }, setup),
    (res: RunResult & { readonly state: { log: string[] } }) => {
      outcomes.add([res.outcome.kind, ...res.races.map((x) => `race ${x.first.site}/${x.second.site}`), ...res.state.log].join(' '));
      return false;
    },
    { reduction, countClasses: true, stopAtFirstFailure: false, maxSchedules: 20_000 },
  );
  return { classes: new Set(r.signatures), outcomes, exhausted: r.exhausted };
}

function expectAgreement(setup: (sim: Sim) => { log: string[] }, slips: readonly boolean[] = [false, true]): void {
  for (const timeSlip of slips) {
    const all = seen(setup, 'none', timeSlip);
    const dpor = seen(setup, 'dpor', timeSlip);
    expect(all.exhausted && dpor.exhausted).toBe(true);
    expect([...all.classes].filter((c) => !dpor.classes.has(c)), `classes missed (time slips ${timeSlip})`).toEqual([]);
    expect([...dpor.outcomes].sort(), `outcomes (time slips ${timeSlip})`).toEqual([...all.outcomes].sort());
  }
}

describe('DPOR on contexts and reader/writer mutexes, against plain DFS', () => {
  it('a child context that cancels itself leaves its parent: the parent\'s cancel no longer reaches it', () => {
    // Whether t1's cancel reaches the child first decides whether t2's load is ordered after t1's store (a race or none).
    expectAgreement((sim) => {
      const [ctx, cancel] = withCancel(background(sim), 'ctx');
      const [child, cancelChild] = withCancel(ctx, 'child');
      const x = new Shared(sim, 0, 'x');
      sim.spawn('t0', function* () {
        cancelChild();
      });
      sim.spawn('t1', function* () {
        x.store(1, 't1 store');
        cancel();
      });
      sim.spawn('t2', function* () {
        yield* recv(child.done() as never);
        x.load('t2 load');
      });
      return { log: [] };
    });
  });

  it('a waiter handed the mutex, unlocked by another task before it resumes: what it acquires depends on that order', () => {
    // t2's store is ordered after t0's only through the unlocks it acquires: t1's unlock in between changes what t2 acquires.
    const log: string[] = [];
    expectAgreement((sim) => {
      const m = new Mutex(sim, 'm');
      const x = new Shared(sim, 0, 'x');
      log.length = 0;
      sim.spawn('t0', function* () {
        yield* m.lock();
        x.store(1, 't0 store');
        yield* m.unlock();
      });
      sim.spawn('t1', function* () {
        yield* m.unlock();
      });
      sim.spawn('t2', function* () {
        yield* m.lock();
        log.push(`t2 locked, held ${m.isLocked}`);
        x.store(2, 't2 store');
      });
      return { log };
    });
  });

  it('a writer woken with the lock, unlocked by another task before it resumes (Go allows unlocking from another goroutine)', () => {
    const log: string[] = [];
    expectAgreement((sim) => {
      const rw = new RWMutex(sim, 'rw');
      log.length = 0;
      sim.spawn('t0', function* () {
        yield* rw.rLock();
        yield* rw.rUnlock();
      });
      sim.spawn('t1', function* () {
        yield* rw.unlock();
      });
      sim.spawn('t2', function* () {
        yield* rw.lock();
        log.push(`t2 locked, held ${rw.isWriteLocked}`);
      });
      return { log };
    });
  });

  // Parking wrote only the channels it parked on, taking a ready case only read the others: a select's footprint
  // depended on the state it met, which the sleep sets do not allow for (plain DFS 18 classes, DPOR 17). Every
  // select now writes each channel it polls, except a close-only one (see Chan.touchPolled).
  it('with time slips, a select made ready by a firing before a peer select parks', () => {
    expectAgreement((sim) => {
      const c0 = sim.chan<number>(1, 'c0');
      const s1 = sim.chan<number>(0, 's1');
      const to = sim.after(7);
      sim.spawn('t0', function* () {
        yield* select([onRecv(s1), onRecv(c0)]);
      });
      sim.spawn('t1', function* () {
        yield* select([onRecv(to), onRecv(c0)]);
      });
      sim.spawn('t2', function* () {
        yield* gosched();
        closeChan(s1);
      });
      return { log: [] };
    }, [true]);
  });

  // Known hole (open in issue 10, found by review): a lock taken uncontended does not end the step, so the
  // caller's code up to its next yield joins the lock's step, while a contended lock parks and that code runs in
  // a later step: the step's footprint depends on the state it meets. Here t0's step writes x only when t2 has not
  // locked first; in t2's branch t1 sleeps and the run where t2 locks, t0 parks and t1 loads is cut (plain DFS 3
  // classes, DPOR 2, with and without slips). RWMutex, WaitGroup.Wait, Weighted.Acquire and Once.Do share the shape.
  it.fails('a lock taken uncontended joins the caller\'s next code to its step (a known miss)', () => {
    expectAgreement((sim) => {
      const m = new Mutex(sim, 'm');
      const x = new Shared(sim, 0, 'x');
      sim.spawn('t0', function* () {
        yield* m.lock();
        x.store(1, 't0 store');
      });
      sim.spawn('t1', function* () {
        x.load('t1 load');
      });
      sim.spawn('t2', function* () {
        yield* gosched();
        yield* m.lock();
      });
      return { log: [] };
    }, [false]);
  });
});
