/**
 * The detector against brute force. fast-check draws small Go programs (2–4 goroutines,
 * nested `go` statements, buffered and unbuffered channels with send, receive, select and
 * close, a mutex, a WaitGroup used freely, as Add-go-Done and as fork-join, an RWMutex, a Cond
 * on the mutex, a Once, two shared cells) and a
 * schedule seed; each run's races, as
 * pairs of sites, must equal exactly the unordered conflicting pairs the independent
 * oracle finds from the run's log (program order plus the Go rules' edges, transitive
 * closure): no false report and no miss, deadlocks and panics included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cond, gosched, ms, Mutex, Once, RWMutex, onRecv, recv, select, send, Shared, closeChan, sleep, WaitGroup, RandomWalk, simulate, type Chan, type Proc, type Sim } from '../index.ts';
import { oraclePairKey, oracleRaces } from './oracle.ts';

type Op =
  | { readonly k: 'read' | 'write' | 'locked-read' | 'locked-write' | 'rlocked-read' | 'rlocked-write' | 'wlocked-write' | 'once'; readonly cell: number }
  | { readonly k: 'send' | 'recv' | 'close'; readonly ch: number }
  | { readonly k: 'select'; readonly a: number; readonly b: number }
  | { readonly k: 'add' | 'done' | 'wait' | 'yield' | 'sleep' | 'cond-wait' | 'signal' | 'broadcast' }
  | { readonly k: 'go' | 'go-wg'; readonly ops: readonly Op[] }
  | { readonly k: 'fork-join'; readonly a: readonly Op[]; readonly b: readonly Op[] };

const cell = fc.integer({ min: 0, max: 1 });
const ch = fc.integer({ min: 0, max: 1 });
const leaf: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ k: fc.constantFrom('read' as const, 'write' as const, 'locked-read' as const, 'locked-write' as const), cell }) },
  { weight: 6, arbitrary: fc.record({ k: fc.constantFrom('send' as const, 'recv' as const), ch }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('close' as const), ch }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('select' as const), a: ch, b: ch }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constantFrom('add' as const, 'done' as const, 'wait' as const, 'yield' as const, 'sleep' as const) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constantFrom('rlocked-read' as const, 'rlocked-write' as const, 'wlocked-write' as const, 'once' as const), cell }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constantFrom('cond-wait' as const, 'signal' as const, 'broadcast' as const) }) },
);
const ops = (depth: number): fc.Arbitrary<Op[]> =>
  fc.array(
    depth === 0
      ? leaf
      : fc.oneof(
          { weight: 8, arbitrary: leaf },
          { weight: 2, arbitrary: fc.record({ k: fc.constantFrom('go' as const, 'go-wg' as const), ops: ops(depth - 1) }) },
          { weight: 1, arbitrary: fc.record({ k: fc.constant('fork-join' as const), a: ops(depth - 1), b: ops(depth - 1) }) },
        ),
    { minLength: 1, maxLength: 6 },
  );
const program = fc.record({
  caps: fc.tuple(fc.constantFrom(0, 1, 1, 2), fc.constantFrom(0, 1, 2)),
  tasks: fc.array(ops(1), { minLength: 2, maxLength: 4 }),
  seed: fc.nat(),
});

interface World {
  readonly cells: readonly Shared<number>[];
  readonly chans: readonly Chan<number>[];
  readonly mu: Mutex;
  readonly wg: WaitGroup;
  readonly rw: RWMutex;
  readonly cond: Cond;
  readonly once: Once;
}

function* body(sim: Sim, w: World, name: string, list: readonly Op[]): Proc<void> {
  for (let i = 0; i < list.length; i++) {
    const op = list[i] as Op;
    const site = `${name}#${i} ${op.k}`;
    switch (op.k) {
      case 'read':
        w.cells[op.cell]!.load(site);
        break;
      case 'write':
        w.cells[op.cell]!.store(i, site);
        break;
      case 'locked-read':
      case 'locked-write':
        yield* w.mu.lock();
        if (op.k === 'locked-read') w.cells[op.cell]!.load(site);
        else w.cells[op.cell]!.store(i, site);
        yield* w.mu.unlock();
        break;
      case 'rlocked-read':
      case 'rlocked-write':
        yield* w.rw.rLock();
        if (op.k === 'rlocked-read') w.cells[op.cell]!.load(site);
        else w.cells[op.cell]!.store(i, site); // a write under a read lock: racy with other readers
        yield* gosched();
        yield* w.rw.rUnlock();
        break;
      case 'wlocked-write':
        yield* w.rw.lock();
        w.cells[op.cell]!.store(i, site);
        yield* gosched();
        yield* w.rw.unlock();
        break;
      case 'once': {
        // Do(f) where f writes the cell; whoever runs f, every caller reads it afterwards.
        const cellOf = w.cells[op.cell]!;
        yield* w.once.do(function* () {
          cellOf.store(i, `${site} f`);
          yield* gosched();
        });
        cellOf.load(`${site} after Do`);
        break;
      }
      case 'cond-wait':
        yield* w.mu.lock();
        yield* w.cond.wait();
        yield* w.mu.unlock();
        break;
      case 'signal':
        yield* w.cond.signal();
        break;
      case 'broadcast':
        yield* w.cond.broadcast();
        break;
      case 'send':
        yield* send(w.chans[op.ch]!, i);
        break;
      case 'recv':
        yield* recv(w.chans[op.ch]!);
        break;
      case 'close':
        closeChan(w.chans[op.ch]!);
        break;
      case 'select':
        yield* select([onRecv(w.chans[op.a]!), onRecv(w.chans[op.b]!)]);
        break;
      case 'add':
        yield* w.wg.add(1);
        break;
      case 'done':
        yield* w.wg.done();
        break;
      case 'wait':
        yield* w.wg.wait();
        break;
      case 'yield':
        yield* gosched();
        break;
      case 'sleep':
        yield* sleep(ms(1));
        break;
      case 'go':
      case 'go-wg': {
        // go-wg: wg.Add(1) before the go statement, wg.Done() as the child's last operation.
        const child = `${name}.${i}`;
        const sub: readonly Op[] = op.k === 'go' ? op.ops : [...op.ops, { k: 'done' }];
        if (op.k === 'go-wg') yield* w.wg.add(1);
        sim.spawn(child, () => body(sim, w, child, sub));
        break;
      }
      case 'fork-join': {
        // wg.Add(2); go a(); go b(); wg.Wait(): each child's Done, not only the last, is ordered before the Wait.
        yield* w.wg.add(2);
        const [a, b] = [`${name}.${i}a`, `${name}.${i}b`];
        const done: Op = { k: 'done' };
        sim.spawn(a, () => body(sim, w, a, [...op.a, done]));
        sim.spawn(b, () => body(sim, w, b, [...op.b, done]));
        yield* w.wg.wait();
        break;
      }
    }
  }
}

/** Runs one program; returns the detector's pairs and the oracle's. */
interface Program {
  readonly caps: readonly number[];
  readonly tasks: readonly (readonly Op[])[];
  readonly seed: number;
}

function compare(p: Program): { detector: string[]; oracle: string[] } {
  const r = simulate({ strategy: new RandomWalk(p.seed), raceLog: true, maxSteps: 5_000 }, (sim) => {
    const mu = new Mutex(sim, 'mu');
    const w: World = {
      cells: [new Shared(sim, 0, 'c0'), new Shared(sim, 0, 'c1')],
      chans: p.caps.map((c, i) => sim.chan<number>(c, `ch${i}`)),
      mu,
      wg: new WaitGroup(sim, 'wg'),
      rw: new RWMutex(sim, 'rw'),
      cond: new Cond(sim, mu, 'cond'),
      once: new Once(sim, 'once'),
    };
    p.tasks.forEach((list, t) => sim.spawn(`T${t}`, () => body(sim, w, `T${t}`, list)));
    return sim;
  });
  if (r.outcome.kind === 'kernel-assertion') throw new Error(r.outcome.message);
  const log = r.state.races?.log;
  if (log === null || log === undefined) throw new Error('no race log');
  const detector = r.races.map((x) => oraclePairKey(x.group, `${x.first.site} (${x.first.kind})`, `${x.second.site} (${x.second.kind})`)).sort();
  return { detector, oracle: [...oracleRaces(log.events)].sort() };
}

describe('the race detector against a brute-force happens-before', () => {
  it('reports exactly the unordered conflicting pairs of sites, on random programs and schedules', () => {
    let racy = 0;
    fc.assert(
      fc.property(program, (p) => {
        const { detector, oracle } = compare(p);
        if (oracle.length > 0) racy++;
        expect(detector).toEqual(oracle);
      }),
      { numRuns: Number(process.env.ORACLE_RUNS ?? 5000) },
    );
    expect(racy).toBeGreaterThan(100); // the programs are not all trivially race-free
  });
});
