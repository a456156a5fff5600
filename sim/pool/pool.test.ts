/**
 * The tracked pool. Go analogue: a sync.Pool of buffers, with the lifecycle rules the
 * Go race detector and code review enforce by hand (free once, never touch after free).
 */
import { describe, expect, it } from 'vitest';
import { gosched, RandomWalk, Sim, TrackedPool, type Handle } from '../index.ts';

interface Buf {
  bytes: number[];
}

function setup(): { sim: Sim; pool: TrackedPool<Buf> } {
  const sim = new Sim({ strategy: new RandomWalk(1) });
  const pool = new TrackedPool<Buf>(sim, { make: () => ({ bytes: [] }), reset: (b) => void (b.bytes.length = 0), noun: 'block', states: ['enqueued', 'in-use', 'abandoned'], exemptAtEnd: ['abandoned'] }, 'blocks');
  return { sim, pool };
}

describe('TrackedPool', () => {
  it('acquire, free and abandon leave no violation (Go: Get/Put pairs)', () => {
    const { sim, pool } = setup();
    sim.spawn('owner', function* () {
      const h = pool.acquire('owner');
      pool.use(h, 'write').bytes.push(1);
      pool.mark(h, 'enqueue', 'enqueued');
      yield* gosched();
      pool.release(h);
      const h2 = pool.acquire('owner');
      pool.mark(h2, 'abandon', 'abandoned', 'drain timed out');
    });
    expect(sim.run().outcome.kind).toBe('ok');
    expect(pool.finish()).toEqual([]);
    expect(pool.stats).toMatchObject({ acquired: 2, freed: 1 });
  });

  it('touching a block through a stale handle is a use-after-free carrying the history (Go: data race on a reused block)', () => {
    const { sim, pool } = setup();
    let old: Handle<Buf> | null = null;
    sim.spawn('a', function* () {
      old = pool.acquire('a');
      pool.release(old);
      yield* gosched();
      const h = pool.acquire('b');
      pool.use(old, 'late write');
      pool.use(old, 'late write'); // reported once per block, generation and access
      pool.release(h);
    });
    sim.run();
    const v = pool.finish();
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ kind: 'use-after-free', resourceId: 0, gen: 1, task: 'a' });
    expect(v[0]?.message).toContain('late write');
    expect(v[0]?.history.map((e) => `${e.event}/${e.gen}`)).toEqual(['acquire/1', 'free/1', 'acquire/2']);
  });

  it('freeing twice is a double free (Go: Put of the same block twice corrupts the pool)', () => {
    const { sim, pool } = setup();
    sim.spawn('t', function* () {
      const h = pool.acquire('t');
      pool.release(h);
      pool.release(h);
      yield* gosched();
    });
    sim.run();
    const v = pool.finish();
    expect(v.map((x) => x.kind)).toEqual(['double-free']);
    expect(v[0]?.history.map((e) => e.event)).toEqual(['acquire', 'free']);
  });

  it('freeing a block that never came from the pool is a foreign free (Go: Put of a multi-op slice)', () => {
    const { sim, pool } = setup();
    sim.spawn('t', function* () {
      const h = pool.unpooled('t');
      pool.release(h);
      yield* gosched();
    });
    sim.run();
    expect(pool.finish().map((x) => x.kind)).toEqual(['foreign-free']);
  });

  it('a block neither freed nor abandoned at finish() is a leak with its whole history (Go: block never returned to the pool)', () => {
    const { sim, pool } = setup();
    sim.spawn('producer', function* () {
      const h = pool.acquire('producer', 'for req 1');
      pool.mark(h, 'enqueue', 'enqueued');
      yield* gosched();
      pool.mark(h, 'use', 'in-use');
    });
    sim.run();
    const v = pool.finish();
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ kind: 'leak', resourceId: 0, state: 'in-use' });
    expect(v[0]?.message).toContain('acquired by producer');
    expect(v[0]?.history.map((e) => `${e.event}:${e.state}:${e.task}`)).toEqual([
      'acquire:acquired:producer',
      'enqueue:enqueued:producer',
      'use:in-use:producer',
    ]);
    expect(v[0]?.history[0]?.note).toBe('for req 1');
  });

  it('reuse is LIFO: the last freed block comes back with a bumped generation (Go: sync.Pool per-P private slot)', () => {
    const { sim, pool } = setup();
    const seen: string[] = [];
    sim.spawn('t', function* () {
      const a = pool.acquire('t');
      const b = pool.acquire('t');
      pool.release(a);
      pool.release(b);
      yield* gosched();
      const c = pool.acquire('t');
      const d = pool.acquire('t');
      seen.push(`${c.resource.id}.${c.gen}`, `${d.resource.id}.${d.gen}`);
      expect(pool.isLive(c) && !pool.isLive(b)).toBe(true);
      pool.release(c);
      pool.release(d);
    });
    sim.run();
    expect(seen).toEqual(['1.2', '0.2']);
    expect(pool.finish()).toEqual([]);
    expect(pool.stats).toMatchObject({ fresh: 2, reused: 2 });
  });
});

describe('TrackedPool states', () => {
  it('a transition into a state the pool type did not declare is a kernel assertion', () => {
    const { sim, pool } = setup();
    sim.spawn('t', function* () {
      const h = pool.acquire('t');
      pool.mark(h, 'teleport', 'nowhere');
      yield* gosched();
    });
    const r = sim.run();
    expect(r.outcome.kind).toBe('kernel-assertion');
    expect(r.outcome.message).toMatch(/state nowhere is not declared/);
  });

  it('records typed transitions in the trace, hashed as their text', () => {
    const sim = new Sim({ strategy: new RandomWalk(1) });
    const pool = new TrackedPool<Buf>(sim, { make: () => ({ bytes: [] }), reset: () => undefined, noun: 'block' }, 'p');
    sim.spawn('t', function* () {
      pool.release(pool.acquire('t', 'why'));
      yield* gosched();
    });
    const r = sim.run();
    const marks = r.trace.events().filter((e) => e.resource !== undefined);
    expect(marks.map((e) => e.resource)).toEqual([
      { pool: 'p', id: 0, gen: 1, event: 'acquire', state: 'acquired', note: 'why' },
      { pool: 'p', id: 0, gen: 1, event: 'free', state: 'freed' },
    ]);
    expect(marks.map((e) => e.text)).toEqual(['block 0.1 acquire (why)', 'block 0.1 free']);
  });
});
