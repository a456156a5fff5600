/**
 * Every flush trigger is reached by a shipped scenario: the count threshold
 * (`threshold-count`: 2,048 items), the size threshold (`threshold-size`), the timer
 * (`smoke`) and Run's exit with blocks queued (`shutdown-queued`). Each test counts, from
 * the engine's typed flush facts, which trigger caused each flush.
 */
import { describe, expect, it } from 'vitest';
import type { FlushTrigger } from '../../engine/index.ts';
import { runCase } from '../../harness/case.ts';
import type { EngineWorld } from '../../scenario/world.ts';
import { engineCase } from './testing.ts';

function triggers(scenario: string, variant: 'hardened' | 'upstream' = 'hardened'): { counts: Record<string, number>; cnt: Record<string, number>; passed: boolean } {
  const r = runCase(engineCase({ scenario, variant, seed: 0 }));
  const world = r.run.world as EngineWorld;
  const counts: Record<string, number> = {};
  const cnt: Record<string, number> = {};
  for (const f of world.flushes) {
    counts[f.trigger] = (counts[f.trigger] ?? 0) + 1;
    cnt[f.trigger] = Math.max(cnt[f.trigger] ?? 0, f.cnt);
  }
  return { counts, cnt, passed: r.report.passed };
}

const has = (c: Record<string, number>, t: FlushTrigger) => (c[t] ?? 0) > 0;

describe('each flush trigger is reached by a shipped scenario', () => {
  it('threshold-count: Run flushes on the 2,048-item count threshold', () => {
    const t = triggers('threshold-count');
    expect(has(t.counts, 'count'), JSON.stringify(t.counts)).toBe(true);
    expect(t.cnt.count).toBe(2048);
    expect(t.passed).toBe(true);
  });

  it('threshold-size: Run flushes on the size threshold, never on count', () => {
    const t = triggers('threshold-size');
    expect(has(t.counts, 'size'), JSON.stringify(t.counts)).toBe(true);
    expect(has(t.counts, 'count')).toBe(false);
    expect(t.passed).toBe(true);
  });

  it('smoke: Run flushes on the timer only', () => {
    const t = triggers('smoke');
    expect(Object.keys(t.counts)).toEqual(['timer']);
  });

  it('shutdown-queued: Run exits with blocks queued; hardened fails them, upstream abandons them (V7b)', () => {
    const h = triggers('shutdown-queued');
    expect(has(h.counts, 'exit'), JSON.stringify(h.counts)).toBe(true);
    expect(has(h.counts, 'timer')).toBe(false);
    expect(h.passed).toBe(true);
    const u = triggers('shutdown-queued', 'upstream');
    expect(has(u.counts, 'exit')).toBe(true);
    expect(u.passed).toBe(false);
  });
});
