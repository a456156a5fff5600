/**
 * The reduced search (source-DPOR) on a GoKer kernel whose shared state once hid a
 * dependency from it: moby_27782's readers map, a plain JavaScript map in an earlier port,
 * made the reader's registration and `Close`'s range look independent, so the reduction
 * exhausted 5 schedules and missed the deadlock plain depth-first search finds.
 */
import { describe, expect, it } from 'vitest';
import { loadKernel, PORTED } from './catalog.ts';
import { exhaust } from './testing.ts';

const moby = PORTED.find((k) => k.id === 'moby_27782');

describe('moby_27782 under the reduction', () => {
  it('the reduced search finds the buggy variant\'s deadlock, as plain DFS does', async () => {
    const t = await loadKernel(moby!);
    const reduced = exhaust(t, 'buggy', 20_000, Number.POSITIVE_INFINITY, 'dpor');
    expect(reduced.failure?.property).toBe('no-stuck-tasks');
    expect(reduced.failure?.message).toMatch(/w\.cv\.wait/);
    expect(exhaust(t, 'buggy', 20_000, 2).failure?.property).toBe('no-stuck-tasks');
  });

  it('the reduced search exhausts the fixed variant clean, with no data race on the readers map', async () => {
    const t = await loadKernel(moby!);
    const r = exhaust(t, 'fixed', 20_000, Number.POSITIVE_INFINITY, 'dpor');
    expect(r).toMatchObject({ exhausted: true, failure: null });
  });
});
