/**
 * The sync.Pool policy against Go's `src/sync/pool.go` (Go 1.26): `Put` fills the P's
 * private slot first, then pushes the head of its shared chain; `Get` takes the private
 * slot, then the shared head, then (`getSlow`) steals other Ps' tails, then the victim
 * cache; `poolCleanup` at a GC moves the primary caches to the victim and drops the old
 * victim; under the race detector `Put` drops one object in four.
 */
import { describe, expect, it } from 'vitest';
import { ListChooser, Sim, TrackedPool } from '../index.ts';
import { SyncPoolPolicy } from './sync-pool.ts';

function setup(opts: { procs?: number; gcPerMille?: number; raceDrop?: boolean; decisions?: number[] } = {}) {
  const sim = new Sim({ strategy: new ListChooser(opts.decisions ?? []) });
  let p = 0;
  const policy = new SyncPoolPolicy<{ n: number }>(sim, { procs: opts.procs ?? 1, procOf: () => p, ...(opts.gcPerMille !== undefined && { gcPerMille: opts.gcPerMille }), ...(opts.raceDrop !== undefined && { raceDrop: opts.raceDrop }) });
  const pool = new TrackedPool(sim, { make: () => ({ n: 0 }), reset: () => undefined }, 'p', policy);
  return { sim, pool, policy, onP: (x: number) => void (p = x) };
}

/** Ids got back by `n` acquires after freeing `freed` (in that order), all in one task. */
function cycle(s: ReturnType<typeof setup>, body: () => number[]): number[] {
  let out: number[] = [];
  s.sim.spawn('t', function* () {
    out = body();
  });
  s.sim.run();
  return out;
}

describe('SyncPoolPolicy (sync/pool.go)', () => {
  it('one P: the private slot first, then the shared head (not a plain LIFO stack)', () => {
    const s = setup();
    const got = cycle(s, () => {
      const [a, b, c] = [s.pool.acquire('t'), s.pool.acquire('t'), s.pool.acquire('t')];
      for (const h of [a, b, c]) s.pool.release(h);
      return [0, 1, 2].map(() => s.pool.acquire('t').resource.id);
    });
    // Put a -> private; b, c -> shared (c at the head). Get: a (private), c (head), b.
    expect(got).toEqual([0, 2, 1]);
  });

  it('a GC moves the caches to the victim (still got); a second GC drops them (a fresh object)', () => {
    const s = setup();
    const got = cycle(s, () => {
      const a = s.pool.acquire('t');
      s.pool.release(a);
      s.policy.gc();
      const again = s.pool.acquire('t').resource.id;
      s.pool.release(s.pool.acquire('t'));
      s.policy.gc();
      s.policy.gc();
      return [again, s.pool.acquire('t').resource.id];
    });
    expect(got[0]).toBe(0);
    expect(got[1]).not.toBe(0);
    expect(s.policy.stats).toMatchObject({ gcs: 3, collected: 1 });
  });

  it('whether a GC ran before a Get is a decision (label pool.gc), made only when GCs are on', () => {
    const s = setup({ gcPerMille: 100, decisions: [0, 1, 1] });
    cycle(s, () => {
      s.pool.release(s.pool.acquire('t'));
      s.pool.acquire('t');
      s.pool.acquire('t');
      return [];
    });
    expect(s.sim.decisions.toArray().map((d) => d.label)).toEqual(['pool.gc', 'pool.gc', 'pool.gc']);
    expect(s.policy.stats.gcs).toBe(2);
    const quiet = setup();
    cycle(quiet, () => [quiet.pool.acquire('t').resource.id]);
    expect(quiet.sim.decisions.length).toBe(0);
  });

  it('race mode: a Put is dropped on the floor with odds 1 in 4 (a decision, label pool.race-drop)', () => {
    const s = setup({ raceDrop: true, decisions: [1, 0] });
    const got = cycle(s, () => {
      const [a, b] = [s.pool.acquire('t'), s.pool.acquire('t')];
      s.pool.release(a); // dropped
      s.pool.release(b); // kept
      return [s.pool.acquire('t').resource.id, s.pool.acquire('t').resource.id];
    });
    expect(got).toEqual([1, 2]);
    expect(s.policy.stats.dropped).toBe(1);
  });

  it('two Ps: another P steals the tail of a shared chain, never a private slot', () => {
    const s = setup({ procs: 2 });
    const got = cycle(s, () => {
      const [a, b, c] = [s.pool.acquire('t'), s.pool.acquire('t'), s.pool.acquire('t')];
      s.pool.release(a); // P0 private
      s.pool.release(b); // P0 shared (tail)
      s.pool.release(c); // P0 shared (head)
      s.onP(1);
      const stolen = s.pool.acquire('t').resource.id;
      const stolen2 = s.pool.acquire('t').resource.id;
      const fresh = s.pool.acquire('t').resource.id;
      return [stolen, stolen2, fresh];
    });
    expect(got).toEqual([1, 2, 3]);
  });
});
