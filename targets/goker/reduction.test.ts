/**
 * The reduced search (source-DPOR, no preemption bound) on the GoKer blocking kernels: it
 * finds every buggy variant's bug that plain depth-first search finds within bound 2, in
 * few schedules. Two things once hid dependencies from it: moby_27782's readers map, a plain
 * JavaScript map in an earlier port (the registration and `Close`'s range looked
 * independent), and object ids that collided (serving_2137's deadlock was not found within
 * 20,000 schedules; plain DFS finds it at 330).
 */
import { describe, expect, it } from 'vitest';
import { loadKernel, PORTED } from './catalog.ts';
import { exhaust } from './testing.ts';

/** Blocking kernels plain DFS does not find within its 20,000 schedules at bound 2 either (random walk does). */
const BEYOND_DFS = new Set(['etcd_7443']);
/** The reduced search's budget per kernel (the most any needs is under 500). */
const BUDGET = 1_000;

describe('GoKer blocking kernels under the reduction', () => {
  for (const k of PORTED.filter((x) => x.group === 'blocking' && !BEYOND_DFS.has(x.id))) {
    const shows = k.shows ?? [k.property ?? 'no-stuck-tasks'];
    it(`${k.id}: the reduced search finds the buggy variant's ${shows.join(' or ')}`, async () => {
      const t = await loadKernel(k);
      const r = exhaust(t, 'buggy', BUDGET, Number.POSITIVE_INFINITY, 'dpor');
      expect(r.failure?.property, `${k.id}: ${r.schedules} schedules, exhausted ${r.exhausted}`).toBeDefined();
      expect(shows).toContain(r.failure?.property);
    });
  }
});

const moby = PORTED.find((k) => k.id === 'moby_27782');
if (moby === undefined) throw new Error('moby_27782 is not in the GoKer catalog');

describe('moby_27782 under the reduction', () => {
  it('the reduced search finds the buggy variant\'s deadlock, as plain DFS does', async () => {
    const t = await loadKernel(moby);
    const reduced = exhaust(t, 'buggy', 20_000, Number.POSITIVE_INFINITY, 'dpor');
    expect(reduced.failure?.property).toBe('no-stuck-tasks');
    expect(reduced.failure?.message).toMatch(/w\.cv\.wait/);
    expect(exhaust(t, 'buggy', 20_000, 2).failure?.property).toBe('no-stuck-tasks');
  });

  it('the reduced search exhausts the fixed variant clean, with no data race on the readers map', async () => {
    const t = await loadKernel(moby);
    const r = exhaust(t, 'fixed', 20_000, Number.POSITIVE_INFINITY, 'dpor');
    expect(r).toMatchObject({ exhausted: true, failure: null });
  });
});
