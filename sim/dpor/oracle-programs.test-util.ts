/**
 * Small programs for the reduction's brute-force oracle: 2-4 tasks over two buffered
 * channels, a mutex (in critical sections, or taken and kept), a Once, a WaitGroup, two tracked cells, selects over both channels or over a channel and a deadline (`time.After`), kernel timers (due together or at another instant, some disarmed, some panicking), panics and closed channels, as fast-check data, and what a run of one
 * violates (its outcome, its data races, its final cell values as a "property").
 */
import fc from 'fast-check';
import { closeChan, explore, GoPanic, Mutex, Once, onRecv, recv, select, send, Shared, gosched, simulate, sleep, type RunResult, type Sim, type Strategy, WaitGroup } from '../index.ts';
import type { DporOptions } from './explore-dpor.ts';

/** One operation of a generated task. */
export type Op =
  | { readonly k: 'store'; readonly cell: number }
  | { readonly k: 'load'; readonly cell: number }
  | { readonly k: 'critical'; readonly cell: number }
  | { readonly k: 'send'; readonly ch: number }
  | { readonly k: 'recv'; readonly ch: number }
  | { readonly k: 'poll' }
  /** A blocking select over both channels: the case that ran goes into cell 0. */
  | { readonly k: 'either' }
  | { readonly k: 'yield' }
  | { readonly k: 'sleep' }
  /** Arms a kernel timer, due when a `sleep` of now ends, that writes `cell`. */
  | { readonly k: 'timer'; readonly cell: number }
  /** Disarms the last timer this task armed. */
  | { readonly k: 'disarm' }
  /** Panics when cell 0 is not 0 (a run cut short while others could run). */
  | { readonly k: 'boom' }
  /** Closes a channel: a sender blocked on it, or the next sender, panics (so does a second close). */
  | { readonly k: 'close'; readonly ch: number }
  /** Arms a kernel timer due twice as late as `timer`'s (another instant), that writes `cell`. */
  | { readonly k: 'late'; readonly cell: number }
  /** Arms a kernel timer, due with `timer`'s, whose firing panics when cell 0 is not 0 (a panic in kernel context). */
  | { readonly k: 'trap' }
  /** A blocking select over channel 0 and the program's deadline, a `time.After` armed before the tasks start and due with `timer`'s (receive or time out): the case that ran goes into cell 1. */
  | { readonly k: 'wait' }
  /** Takes the mutex and keeps it (a later `unlock` of the same task gives it back). */
  | { readonly k: 'lock' }
  /** Gives the mutex back if this task holds it from a `lock`, else does nothing. */
  | { readonly k: 'unlock' }
  /** `once.Do` of a function that yields, then writes `cell` (a concurrent Do waits for it). */
  | { readonly k: 'once'; readonly cell: number }
  /** `wg.Add(1)`. */
  | { readonly k: 'wgadd' }
  /** `wg.Done()` (a negative counter panics). */
  | { readonly k: 'wgdone' }
  /** `wg.Wait()`. */
  | { readonly k: 'wgwait' };

/** A generated program: one list of operations per task. */
export type Program = readonly (readonly Op[])[];

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ k: fc.constant('store' as const), cell: fc.nat(1) }),
  fc.record({ k: fc.constant('load' as const), cell: fc.nat(1) }),
  fc.record({ k: fc.constant('critical' as const), cell: fc.nat(1) }),
  fc.record({ k: fc.constant('send' as const), ch: fc.nat(1) }),
  fc.record({ k: fc.constant('recv' as const), ch: fc.nat(1) }),
  fc.constant({ k: 'poll' as const }),
  fc.constant({ k: 'either' as const }),
  fc.constant({ k: 'yield' as const }),
  fc.constant({ k: 'sleep' as const }),
  fc.record({ k: fc.constant('timer' as const), cell: fc.nat(1) }),
  fc.constant({ k: 'disarm' as const }),
  fc.constant({ k: 'boom' as const }),
  fc.record({ k: fc.constant('close' as const), ch: fc.nat(1) }),
  fc.record({ k: fc.constant('late' as const), cell: fc.nat(1) }),
  fc.constant({ k: 'trap' as const }),
  fc.constant({ k: 'wait' as const }),
  fc.constant({ k: 'lock' as const }),
  fc.constant({ k: 'unlock' as const }),
  fc.record({ k: fc.constant('once' as const), cell: fc.nat(1) }),
  fc.constant({ k: 'wgadd' as const }),
  fc.constant({ k: 'wgdone' as const }),
  fc.constant({ k: 'wgwait' as const }),
);

/** Programs of 2-4 tasks with at most `maxOps` operations in all. */
export function programs(maxOps = 7): fc.Arbitrary<Program> {
  return fc.array(fc.array(op, { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 4 }).filter((p) => p.reduce((n, t) => n + t.length, 0) <= maxOps);
}

/** The state a run leaves for checking. */
export interface ProgramState {
  readonly cells: readonly Shared<number>[];
}

/** Builds the program in `sim`. */
export function build(p: Program): (sim: Sim) => ProgramState {
  return (sim) => {
    const chans = [sim.chan<number>(1, 'c0'), sim.chan<number>(1, 'c1')];
    const m = new Mutex(sim, 'm');
    const once = new Once(sim, 'once');
    const wg = new WaitGroup(sim, 'wg');
    const cells = [new Shared(sim, 0, 'x0'), new Shared(sim, 0, 'x1')];
    const deadline = p.some((ops) => ops.some((o) => o.k === 'wait')) ? sim.after(5, 'deadline') : null;
    p.forEach((ops, ti) => {
      sim.spawn(`t${ti}`, function* () {
        let armed: ReturnType<Sim['schedule']> | null = null;
        let held = 0;
        for (const [i, o] of ops.entries()) {
          const site = `t${ti}.${i} ${o.k}`;
          switch (o.k) {
            case 'store':
              (cells[o.cell] as Shared<number>).store(ti * 10 + i + 1, site);
              break;
            case 'load':
              (cells[o.cell] as Shared<number>).load(site);
              break;
            case 'critical': {
              yield* m.lock();
              const c = cells[o.cell] as Shared<number>;
              c.store(c.load(site) * 3 + ti + 1, site);
              yield* m.unlock();
              break;
            }
            case 'send':
              yield* send(chans[o.ch] as never, ti);
              break;
            case 'recv': {
              const v = yield* recv(chans[o.ch] as never);
              (cells[1] as Shared<number>).store(Number(v ?? 0) + 100, site);
              break;
            }
            case 'poll': {
              const r = yield* select([onRecv(chans[0] as never), onRecv(chans[1] as never)], true);
              if (r.index >= 0) (cells[0] as Shared<number>).store(200 + r.index, site);
              break;
            }
            case 'either': {
              const r = yield* select([onRecv(chans[0] as never), onRecv(chans[1] as never)]);
              (cells[0] as Shared<number>).store(300 + r.index, site);
              break;
            }
            case 'yield':
              yield* gosched();
              break;
            case 'sleep':
              yield* sleep(5);
              break;
            case 'timer': {
              const c = cells[o.cell] as Shared<number>;
              armed = sim.schedule(5, `${site}.fire`, () => c.store(c.peek() * 5 + ti + 1, `${site} fire`));
              break;
            }
            case 'boom':
              if ((cells[0] as Shared<number>).load(site) !== 0) throw new GoPanic(`${site}: cell 0 is set`);
              break;
            case 'disarm':
              if (armed !== null) sim.unschedule(armed);
              break;
            case 'late': {
              const c = cells[o.cell] as Shared<number>;
              armed = sim.schedule(10, `${site}.fire`, () => c.store(c.peek() * 7 + ti + 1, `${site} fire`));
              break;
            }
            case 'trap':
              armed = sim.schedule(5, `${site}.fire`, () => {
                if ((cells[0] as Shared<number>).load(`${site} fire`) !== 0) throw new GoPanic(`${site}: cell 0 is set when the timer fires`);
              });
              break;
            case 'close':
              closeChan(chans[o.ch] as never);
              break;
            case 'wait': {
              const r = yield* select([onRecv(deadline as never), onRecv(chans[0] as never)]);
              (cells[1] as Shared<number>).store(400 + r.index, site);
              break;
            }
            case 'lock':
              yield* m.lock();
              held++;
              break;
            case 'unlock':
              if (held > 0) {
                held--;
                yield* m.unlock();
              }
              break;
            case 'once': {
              const c = cells[o.cell] as Shared<number>;
              yield* once.do(function* () {
                yield* gosched();
                c.store(500 + ti, site);
              });
              break;
            }
            case 'wgadd':
              yield* wg.add(1);
              break;
            case 'wgdone':
              yield* wg.done();
              break;
            case 'wgwait':
              yield* wg.wait();
              break;
          }
        }
      });
    });
    return { cells };
  };
}

/** What one run of a program violates: its outcome when not ok, each data race, its final cell values. */
export function violations(r: RunResult & { readonly state: ProgramState }): string[] {
  const out = [`final ${r.state.cells.map((c) => c.peek()).join(',')}`];
  if (r.outcome.kind !== 'ok') out.push(`outcome ${r.outcome.kind}`);
  for (const x of r.races) out.push(`race ${x.group}: ${[x.first.site, x.second.site].sort().join(' / ')}`);
  return out;
}

/** What one exploration of a program saw. */
export interface Seen {
  readonly exhausted: boolean;
  readonly schedules: number;
  readonly classes: ReadonlySet<number>;
  readonly signatures: readonly number[];
  readonly violations: ReadonlySet<string>;
}

/** Explores `p` with or without the reduction (no bound, every schedule, counting classes). */
export function runProgram(p: Program, reduction: 'none' | 'dpor', sabotage?: DporOptions['sabotage'], timeSlip = false, maxSchedules = 4_000): Seen {
  const found = new Set<string>();
  const r = explore(
    (s: Strategy) => simulate({ strategy: s, timeSlip }, build(p)),
    (res) => {
      if (res.outcome.kind !== 'replay-divergence') for (const v of violations(res)) found.add(v);
      return false;
    },
    { reduction, countClasses: true, stopAtFirstFailure: false, maxSchedules, ...(sabotage ? { sabotage } : {}) },
  );
  return { exhausted: r.exhausted, schedules: r.schedules, classes: new Set(r.signatures), signatures: r.signatures, violations: found };
}

/**
 * Why DPOR's exploration of `p` disagrees with the brute-force oracle's (a class missed or
 * run twice, other violations), null when it agrees, undefined when plain DFS cannot
 * exhaust `p` within `maxSchedules`.
 */
export function disagreement(p: Program, sabotage?: DporOptions['sabotage'], timeSlip = false, maxSchedules = 4_000): string | null | undefined {
  const all = runProgram(p, 'none', undefined, timeSlip, maxSchedules);
  if (!all.exhausted) return undefined;
  const dpor = runProgram(p, 'dpor', sabotage, timeSlip, maxSchedules);
  if (!dpor.exhausted) return 'dpor did not exhaust';
  const missed = [...all.classes].filter((c) => !dpor.classes.has(c)).length;
  if (missed > 0) return `dpor missed ${missed} of ${all.classes.size} classes`;
  if (dpor.classes.size !== dpor.signatures.length) return `dpor ran ${dpor.signatures.length - dpor.classes.size} classes twice`;
  const a = [...all.violations].sort().join('\n');
  const b = [...dpor.violations].sort().join('\n');
  if (a !== b) return `violations differ:\n dfs:  ${a}\n dpor: ${b}`;
  return null;
}
