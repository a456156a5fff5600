/**
 * The time observer is read-only: a run observed gives the same trace hash and decisions
 * as one that is not, the gauges count parked tasks and buffered values, and an
 * observer that tries to decide, spawn or arm a timer fails the run loudly.
 */
import { describe, expect, it } from 'vitest';
import { Labels, ms, RandomWalk, recv, send, simulate, sleep, type KernelGauges, type Sim } from './index.ts';

function program(sim: Sim): void {
  const jobs = sim.chan<number>(4, 'jobs');
  const done = sim.chan<number>(0, 'done');
  for (let w = 0; w < 3; w++) {
    sim.spawn(`worker-${w}`, function* () {
      for (;;) {
        const j = yield* recv(jobs);
        yield* sleep(ms(1 + ((j ?? 0) % 3)));
        yield* send(done, j);
      }
    }, { daemon: true });
  }
  sim.spawn('producer', function* () {
    for (let i = 0; i < 12; i++) yield* send(jobs, i);
  });
  sim.spawn('collector', function* () {
    for (let i = 0; i < 12; i++) yield* recv(done);
  });
}

describe('time observer', () => {
  it('changes neither the trace hash nor the decisions', () => {
    for (const seed of [1, 2, 3]) {
      const seen: Array<{ now: number; parked: number; buffered: number }> = [];
      const observed = simulate({ strategy: new RandomWalk(seed), observer: (g: KernelGauges) => seen.push({ now: g.now, parked: g.parkedTasks, buffered: g.bufferedValues }) }, program);
      const plain = simulate({ strategy: new RandomWalk(seed) }, program);
      expect(observed.traceHash).toBe(plain.traceHash);
      expect(observed.decisions.toArray()).toEqual(plain.decisions.toArray());
      expect(seen.length).toBeGreaterThan(0);
      // Time only advances when nothing can run: every live task is parked then.
      for (const s of seen) expect(s.parked).toBeGreaterThan(0);
      expect(seen.every((s, i) => i === 0 || s.now >= (seen[i - 1] as { now: number }).now)).toBe(true);
    }
  });

  it('counts parked tasks and buffered values', () => {
    const seen: number[][] = [];
    simulate({ strategy: new RandomWalk(1), observer: (g) => seen.push([g.parkedTasks, g.bufferedValues]) }, (sim) => {
      const c = sim.chan<number>(3, 'c');
      sim.spawn('filler', function* () {
        yield* send(c, 1);
        yield* send(c, 2);
        yield* sleep(ms(5));
      });
      sim.spawn('stuck', function* () {
        yield* recv(sim.chan<number>(0, 'never'));
      }, { daemon: true });
    });
    expect(seen[0]).toEqual([2, 2]);
  });

  it('an observer that decides, spawns or arms a timer fails the run as a kernel assertion', () => {
    const attempts: Array<(sim: Sim) => void> = [(sim) => sim.decide(2, Labels.select), (sim) => sim.spawn('x', function* () {}), (sim) => sim.schedule(ms(1), 't', () => {})];
    for (const attempt of attempts) {
      let sim: Sim | null = null;
      const r = simulate({ strategy: new RandomWalk(1), observer: () => attempt(sim as Sim) }, (s) => {
        sim = s;
        s.spawn('sleeper', function* () {
          yield* sleep(ms(1));
        });
      });
      expect(r.outcome.kind).toBe('kernel-assertion');
      expect(r.outcome.message).toContain('observers are read-only');
    }
  });
});
