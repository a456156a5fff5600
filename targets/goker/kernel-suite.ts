/**
 * The vitest suite every GoKer category file runs over its kernels: the buggy variant is
 * detected by a core property (random walk over seeds 0..199 to the first failure, else
 * PCT, else PCT up to the catalog's `lastSeed`), the fixed variant is clean under both over the same seeds, and, where its state
 * space is small enough, exhausted clean by depth-first exploration.
 */
import { describe, expect, it } from 'vitest';
import { EXPLORE_BOUND, loadKernel, PORTED, type KernelCategory } from './catalog.ts';
import { exhaust, findBug, sweep, type CoreProperty } from './testing.ts';

/** Fixed variants with at most this many schedules (within the bound) are exhausted in the suite. */
export const SUITE_EXHAUST_LIMIT = 700;
/** Schedules explored clean in the suite where the space is larger. */
export const SUITE_EXPLORE_BUDGET = 250;

/**
 * Declares the suite for every ported kernel of `category` (and of `subcategory`, when
 * given): each buggy variant must fail `expected`, or one of its catalog entry's `shows`.
 */
export function kernelSuite(category: KernelCategory, expected: CoreProperty = 'no-stuck-tasks', subcategory?: string): void {
  const kernels = PORTED.filter((k) => k.category === category && (subcategory === undefined || k.subcategory === subcategory));
  const subcategories = [...new Set(kernels.map((k) => k.subcategory))];
  for (const sub of subcategories) {
    describe(`${category}: ${sub}`, () => {
      for (const k of kernels.filter((x) => x.subcategory === sub)) {
        describe(k.id, () => {
          const shows = k.shows ?? [k.property ?? expected];
          it(`buggy is detected as ${shows.join(' or ')}${k.signature ? ` (stuck on ${k.signature.source})` : ''}`, async () => {
            const t = await loadKernel(k);
            const found = findBug(t, k);
            expect(found.firstFailingSeed, `${k.id} buggy: no failure in seeds 0..${k.lastSeed ?? 199}`).not.toBeNull();
            expect(shows).toContain(found.property);
          });
          it('fixed is clean over seeds 0..199 under random walk and PCT', async () => {
            const t = await loadKernel(k);
            for (const kind of ['random', 'pct'] as const) {
              const r = sweep(t, 'fixed', kind);
              expect(r.message, `${k.id} fixed under ${kind}, seed ${r.firstFailingSeed}`).toBeNull();
              expect(r.runs).toBe(200);
            }
          });
          // A kernel that cannot be explored is in KNOWN_GAPS (test/known-gaps.ts) with the reason.
          if (k.explore !== undefined) {
            // nothing to explore
          } else if (k.space !== undefined && k.space <= SUITE_EXHAUST_LIMIT) {
            const space = k.space;
            it(`fixed is exhausted clean: ${space} schedules within preemption bound ${EXPLORE_BOUND}`, async () => {
              const t = await loadKernel(k);
              const r = exhaust(t, 'fixed', space + 1, EXPLORE_BOUND);
              expect(r.failure).toBeNull();
              expect(r).toMatchObject({ exhausted: true, schedules: space });
            });
          } else {
            it(`fixed is clean over the first ${SUITE_EXPLORE_BUDGET} explored schedules (space too large to exhaust here)`, async () => {
              const t = await loadKernel(k);
              const r = exhaust(t, 'fixed', SUITE_EXPLORE_BUDGET, EXPLORE_BOUND);
              expect(r.failure).toBeNull();
            });
          }
        });
      }
    });
  }
}
