/**
 * A Weighted semaphore records who holds its weight, so end-of-run accounting can name a
 * slot never given back: the acquirer and its step, the task it was handed to, and
 * nothing once released. Holdings never enter the trace.
 */
import { describe, expect, it } from 'vitest';
import { background, ms, RandomWalk, simulate, sleep, Weighted, withCancel } from '../index.ts';

const rw = () => ({ strategy: new RandomWalk(1) });

describe('Weighted holders', () => {
  it('records the acquirer, hands a holding over to a spawned task, and drops it on release', () => {
    let sem: Weighted | null = null;
    let workerId = -1;
    let during: string[] = [];
    simulate(rw(), (sim) => {
      const s = new Weighted(sim, 2, 'slots');
      sem = s;
      const bg = background(sim);
      sim.spawn('boss', function* () {
        expect(yield* s.acquire(bg, 1)).toBeNull();
        const t = sim.spawn('worker', function* () {
          yield* sleep(ms(5));
          s.release(1);
        });
        workerId = t.id;
        s.handOver(t);
        during = s.outstanding.map((h) => `${h.acquiredBy.name}->${h.holder.name}`);
      });
    });
    expect(during).toEqual(['boss->worker']);
    expect(workerId).toBeGreaterThan(0);
    expect((sem as unknown as Weighted).outstanding).toEqual([]);
  });

  it('keeps a holding its task never released, and lists every semaphore of the run', () => {
    const r = simulate(rw(), (sim) => {
      const s = new Weighted(sim, 1, 'leaky');
      new Weighted(sim, 1, 'other');
      sim.spawn('taker', function* () {
        expect(yield* s.acquire(background(sim), 1)).toBeNull();
      });
      sim.onFinish(() => {
        const all = Weighted.of(sim);
        expect(all.map((w) => w.name)).toEqual(['leaky', 'other']);
        const [h] = all[0]!.outstanding;
        expect(h?.holder.name).toBe('taker');
        expect(sim.taskEnded(h!.holder.id)).toBe(true);
      });
    });
    expect(r.outcome.kind).toBe('ok');
  });

  it('a context that wins over a granted slot leaves no holding', () => {
    simulate(rw(), (sim) => {
      const s = new Weighted(sim, 1, 'one');
      const [ctx, cancel] = withCancel(background(sim));
      sim.spawn('holder', function* () {
        expect(yield* s.acquire(background(sim), 1)).toBeNull();
        yield* sleep(ms(5));
        cancel();
        s.release(1);
      });
      sim.spawn('waiter', function* () {
        yield* sleep(ms(1));
        yield* s.acquire(ctx, 1);
      });
      sim.onFinish(() => {
        expect(s.held).toBe(0);
        expect(s.outstanding).toEqual([]);
      });
    });
  });
});
