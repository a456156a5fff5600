/**
 * The kernel's dependency log: what each event touches, and that recording changes nothing
 * of a run (same trace hash with and without it).
 */
import { describe, expect, it } from 'vitest';
import { gosched, Mutex, recv, send, Shared, simulate, type Sim, type Strategy } from '../index.ts';
import { dependent, DependencyLog, KERNEL } from './dependency-log.ts';

function firstStrategy(log: DependencyLog | undefined): Strategy {
  return { name: 'first', ...(log ? { dependencies: log } : {}), choose: () => 0, chooseTask: () => 0 };
}

function program(sim: Sim): void {
  const a = sim.chan<number>(1, 'a');
  const b = sim.chan<number>(1, 'b');
  const m = new Mutex(sim, 'm');
  const cell = new Shared(sim, 0, 'cell');
  sim.spawn('A', function* () {
    yield* send(a, 1);
    yield* m.lock();
    cell.store(1, 'A: store');
    yield* m.unlock();
  });
  sim.spawn('B', function* () {
    yield* send(b, 2);
    yield* m.lock();
    cell.load('B: load');
    yield* m.unlock();
    yield* recv(b);
  });
}

describe('dependency log', () => {
  it('records one event per step with the objects it touched; only shared objects make events of two tasks dependent', () => {
    const log = new DependencyLog();
    const r = simulate({ strategy: firstStrategy(log) }, program);
    expect(r.outcome.kind).toBe('ok');
    expect(log.length).toBe(r.steps);
    const byTask = (t: number) => log.footprints.filter((_, i) => log.tasks[i] === t);
    const [a0, b0] = [byTask(0)[0], byTask(1)[0]];
    // The first steps send on two different channels: independent.
    expect(dependent(a0 ?? [], b0 ?? [])).toBe(false);
    // A step is the code between two yields, with the effect it yields: the steps that lock, store, load and unlock depend on B's.
    const crossing = byTask(0).filter((fa) => byTask(1).some((fb) => dependent(fa, fb)));
    expect(crossing.length).toBeGreaterThanOrEqual(2);
    expect(log.tasks).not.toContain(KERNEL);
  });

  it('two reads of one location are independent, a read and a write are not', () => {
    expect(dependent([6], [6])).toBe(false);
    expect(dependent([6], [7])).toBe(true);
    expect(dependent([7], [9])).toBe(false);
  });

  it('recording changes no trace hash', () => {
    const plain = simulate({ strategy: firstStrategy(undefined) }, program);
    const recorded = simulate({ strategy: firstStrategy(new DependencyLog()) }, program);
    expect(recorded.traceHash).toBe(plain.traceHash);
  });

  it('objects one task makes at the same ordinal of different steps get different ids', () => {
    const log = new DependencyLog();
    const ids: number[] = [];
    const r = simulate({ strategy: firstStrategy(log) }, (sim) => {
      sim.spawn('maker', function* () {
        for (let k = 0; k < 4; k++) {
          ids.push(sim.chan<number>(1, `c${k}`).oid);
          yield* gosched();
        }
      });
    });
    expect(r.outcome.kind).toBe('ok');
    expect(new Set(ids).size).toBe(4);
  });

  it('records which event woke or spawned the task of each event (-1: it was runnable all along)', () => {
    const log = new DependencyLog();
    simulate({ strategy: firstStrategy(log) }, (sim) => {
      const c = sim.chan<number>(0, 'c');
      sim.spawn('receiver', function* () {
        yield* recv(c);
        yield* gosched();
      });
      sim.spawn('sender', function* () {
        yield* send(c, 1);
      });
    });
    const steps = (t: number) => log.tasks.flatMap((x, k) => (x === t ? [k] : []));
    const [r0, r1, r2] = steps(0);
    const [s0] = steps(1);
    // The receiver's first step was enabled by the setup, its second by the sender's send, its third by nothing.
    expect(log.enabledBy[r0 as number]).toBe(-1);
    expect(log.enabledBy[r1 as number]).toBe(s0);
    expect(log.enabledBy[r2 as number]).toBe(-1);
  });
});
