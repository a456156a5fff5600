/**
 * The reduction against plain DFS on small programs over kernel objects the generated
 * oracle does not draw (contexts, reader/writer mutexes, an unbuffered channel, the blocking operations' fast paths): DPOR must cover every class plain
 * DFS sees and reach the same outcomes, races and observations. Each program once lost
 * classes through a state change its object's steps did not record.
 */
import { describe, expect, it } from 'vitest';
import { background, closeChan, explore, gosched, Mutex, Once, onRecv, recv, RWMutex, select, Shared, simulate, WaitGroup, Weighted, withCancel, type Proc, type RunResult, type Sim, type Strategy } from '../index.ts';

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

  // A blocking operation that did not wait ended no step, so the caller's code up to its next yield joined the
  // operation's step, while one that waited parked and ran that code in a later step: which code a step held
  // depended on the state it met. Here t0's step wrote x only when t2 had not taken the object first; in t2's
  // branch t1 slept and the run where t2 takes it, t0 waits and t1 loads was cut (plain DFS 3 classes, DPOR 2, with
  // and without slips; found by review). Every such operation now ends its step on its fast path too (endFastPath).
  const fastPaths: ReadonlyArray<readonly [string, (sim: Sim) => { readonly take: () => Proc<unknown>; readonly keep: () => Proc<unknown> }]> = [
    ['Mutex.Lock', (sim) => {
      const m = new Mutex(sim, 'm');
      return { take: () => m.lock(), keep: () => m.lock() };
    }],
    ['RWMutex.RLock (a writer keeps it)', (sim) => {
      const rw = new RWMutex(sim, 'rw');
      return { take: () => rw.rLock(), keep: () => rw.lock() };
    }],
    ['RWMutex.Lock (a reader keeps it)', (sim) => {
      const rw = new RWMutex(sim, 'rw');
      return { take: () => rw.lock(), keep: () => rw.rLock() };
    }],
    ['WaitGroup.Wait (an Add keeps the counter up)', (sim) => {
      const wg = new WaitGroup(sim, 'wg');
      return { take: () => wg.wait(), keep: () => wg.add(1) };
    }],
    ['Weighted.Acquire', (sim) => {
      const sem = new Weighted(sim, 1, 'sem');
      const ctx = background(sim);
      return { take: () => sem.acquire(ctx), keep: () => sem.acquire(ctx) };
    }],
    ['Once.Do (its function never returns in the keeper)', (sim) => {
      const once = new Once(sim, 'once');
      const never = sim.chan<never>(0, 'never');
      return {
        take: () => once.do(function* () {}),
        keep: () => once.do(function* () {
          yield* recv(never);
        }),
      };
    }],
  ];
  for (const [name, make] of fastPaths) {
    it(`${name} taken without waiting ends its step, as waiting does: the caller's next code is a step of its own`, () => {
      expectAgreement((sim) => {
        const o = make(sim);
        const x = new Shared(sim, 0, 'x');
        sim.spawn('t0', function* () {
          yield* o.take();
          x.store(1, 't0 store');
        });
        sim.spawn('t1', function* () {
          x.load('t1 load');
        });
        sim.spawn('t2', function* () {
          yield* gosched();
          yield* o.keep();
        });
        return { log: [] };
      });
    });
  }
});
