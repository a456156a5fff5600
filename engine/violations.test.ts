/**
 * The violation table (spec §6.1, V1–V8): on each case the variants marked violating leave
 * a `leak` in `pool.finish()` (the block-lifecycle property); hardened leaves none and
 * reports no use-after-free or double free either.
 */
import { describe, expect, it } from 'vitest';
import { runPath, violates, type PathName } from './testing/paths.ts';
import { VARIANT_NAMES } from './variants.ts';

const CASES: ReadonlyArray<readonly [string, PathName]> = [
  ['V1 validation error after acquire', 'P1'],
  ['V2 ctx cancelled in the first select', 'P3'],
  ['V3 ctx cancelled in the second select (response within 15 s)', 'P4a'],
  ['V4 flush-level error', 'P5'],
  ['V5 item-level error', 'P6'],
  ['V6 enroll duplicates', 'P7'],
  ['V7 Run exited with the block buffered, caller ctx ends later', 'P10'],
  ['V7b Run exited, caller ctx never ends', 'P11'],
  ['V8 response later than the 15 s drain', 'P4b'],
];

describe.each(CASES)('%s', (_name, path) => {
  it.each(VARIANT_NAMES)('%s', (v) => {
    const r = runPath(path, v);
    const found = r.w.bulker.pool.finish();
    const leaks = found.filter((f) => f.kind === 'leak');
    if (violates(path, v)) expect(leaks.length).toBeGreaterThan(0);
    else expect(leaks).toEqual([]);
    if (v === 'hardened') {
      expect(found).toEqual([]);
      expect(r.res.outcome.kind === 'ok' || r.res.outcome.kind === 'stopped').toBe(true);
    }
  });
});
