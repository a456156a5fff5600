/**
 * The path × version table (spec §5.2): each row driven deterministically, asserting the
 * block's fate per variant (hardened: freed on every path).
 */
import { describe, expect, it } from 'vitest';
import { Canceled } from '../sim/index.ts';
import { ErrBulkerClosed, ErrElasticNotFound, ErrEnrollDuplicate, ErrNoQuotes, ErrTooManyBulkDispatches, ErrElastic } from './errors.ts';
import { fate } from './testing/harness.ts';
import { runPath, type PathName } from './testing/paths.ts';
import { VARIANT_NAMES, VARIANTS, type VariantName } from './variants.ts';

type Row = Record<'pre-fix' | 'pr-6747' | 'upstream' | 'hardened', string>;
const same = (s: string): Row => ({ 'pre-fix': s, 'pr-6747': s, upstream: s, hardened: s });

/**
 * Which column a release variant reads: 8.19, 9.3 and 9.4 lack #6747 (pre-fix's paths);
 * 9.5 has #6747 but no enrollment queue (pr-6747's paths); main is upstream.
 */
const COLUMN: Record<VariantName, keyof Row> = {
  'pre-fix': 'pre-fix',
  'pr-6747': 'pr-6747',
  upstream: 'upstream',
  hardened: 'hardened',
  'release-8.19': 'pre-fix',
  'release-9.3': 'pre-fix',
  'release-9.4': 'pre-fix',
  'release-9.5': 'pr-6747',
  main: 'upstream',
};

/** Expected fate of the block under test, per variant (the table of §5.2 plus hardened). */
const TABLE: Record<PathName, Row> = {
  P1: { 'pre-fix': 'leak (acquired)', 'pr-6747': 'leak (acquired)', upstream: 'leak (acquired)', hardened: 'freed by caller' },
  P2: same('freed by dispatch'),
  P3: { 'pre-fix': 'leak (acquired)', 'pr-6747': 'freed by dispatch', upstream: 'freed by dispatch', hardened: 'freed by dispatch' },
  P4a: { 'pre-fix': 'leak (answered)', 'pr-6747': 'freed by drain', upstream: 'freed by drain', hardened: 'freed by drain' },
  P4b: { 'pre-fix': 'leak (answered)', 'pr-6747': 'abandoned', upstream: 'abandoned', hardened: 'freed by drain' },
  P5: { 'pre-fix': 'leak (answered)', 'pr-6747': 'leak (answered)', upstream: 'leak (answered)', hardened: 'freed by caller' },
  P6: { 'pre-fix': 'leak (answered)', 'pr-6747': 'leak (answered)', upstream: 'leak (answered)', hardened: 'freed by caller' },
  P7: { 'pre-fix': 'freed by caller', 'pr-6747': 'freed by caller', upstream: 'leak (answered)', hardened: 'freed by caller' },
  P8: same('freed by caller'),
  P9: { 'pre-fix': 'leak (answered)', 'pr-6747': 'freed by drain', upstream: 'freed by drain', hardened: 'freed by drain' },
  P10: { 'pre-fix': 'leak (enqueued)', 'pr-6747': 'abandoned', upstream: 'abandoned', hardened: 'freed by caller' },
  P11: { 'pre-fix': 'leak (enqueued)', 'pr-6747': 'leak (enqueued)', upstream: 'leak (enqueued)', hardened: 'freed by caller' },
};

describe.each(VARIANT_NAMES)('%s', (v) => {
  it('P1 validation error after acquire', () => {
    const r = runPath('P1', v);
    expect(r.errs[0]).toBe(ErrNoQuotes);
    expect(fate(r.w.bulker, 0)).toBe(TABLE.P1[COLUMN[v]]);
  });
  it('P2 pending-dispatch limit rejection', () => {
    const r = runPath('P2', v);
    expect(r.errs[0]).toBe(ErrTooManyBulkDispatches);
    expect(r.errs[1]).toBeNull();
    expect(fate(r.w.bulker, 1)).toBe(TABLE.P2[COLUMN[v]]);
    expect(fate(r.w.bulker, 0)).toBe('freed by caller');
  });
  it('P3 caller ctx done in the first select', () => {
    const r = runPath('P3', v);
    expect(r.errs[0]).toBe(Canceled);
    expect(fate(r.w.bulker, r.blocks[0] as number)).toBe(TABLE.P3[COLUMN[v]]);
  });
  it('P4a caller ctx done in the second select, response within 15 s', () => {
    const r = runPath('P4a', v);
    expect(r.errs[0]?.message).toBe('context deadline exceeded');
    expect(fate(r.w.bulker, 0)).toBe(TABLE.P4a[COLUMN[v]]);
  });
  it('P4b caller ctx done in the second select, response after 15 s', () => {
    const r = runPath('P4b', v);
    expect(fate(r.w.bulker, 0)).toBe(TABLE.P4b[COLUMN[v]]);
  });
  it('P5 flush-level failure via failQueue', () => {
    const r = runPath('P5', v);
    expect(r.errs[0]).toBeInstanceOf(ErrElastic);
    expect((r.errs[0] as ErrElastic).status).toBe(500);
    expect(fate(r.w.bulker, 0)).toBe(TABLE.P5[COLUMN[v]]);
  });
  it('P6 item-level error', () => {
    const r = runPath('P6', v);
    expect(r.errs[0]).toBe(ErrElasticNotFound);
    expect(fate(r.w.bulker, 0)).toBe(TABLE.P6[COLUMN[v]]);
  });
  it('P7 enroll duplicates', () => {
    const r = runPath('P7', v);
    const dups = r.errs.filter((e) => e === ErrEnrollDuplicate).length;
    const enroll = VARIANTS[v].enrollQueue;
    expect(dups).toBe(enroll ? 2 : 0);
    expect(r.errs.filter((e) => e === null).length).toBe(enroll ? 1 : 3);
    const fates = r.blocks.map((b) => fate(r.w.bulker, b));
    if (COLUMN[v] === 'upstream') expect(fates.filter((f) => f === 'leak (answered)').length).toBe(2);
    else expect(fates.every((f) => f === TABLE.P7[COLUMN[v]])).toBe(true);
  });
  it('P8 success', () => {
    const r = runPath('P8', v);
    expect(r.errs[0]).toBeNull();
    expect(fate(r.w.bulker, 0)).toBe(TABLE.P8[COLUMN[v]]);
  });
  it('P9 response and ctx ready together, ctx picked', () => {
    const r = runPath('P9', v);
    expect(r.errs[0]).toBe(Canceled);
    expect(fate(r.w.bulker, 0)).toBe(TABLE.P9[COLUMN[v]]);
  });
  it('P10 Run exited, caller ctx ends later', () => {
    const r = runPath('P10', v);
    expect(r.errs[0]).toBe(v === 'hardened' ? ErrBulkerClosed : r.errs[0]);
    expect(fate(r.w.bulker, 0)).toBe(TABLE.P10[COLUMN[v]]);
  });
  it('P11 Run exited, caller ctx never ends', () => {
    const r = runPath('P11', v);
    if (v === 'hardened') {
      expect(r.res.outcome.kind).toBe('ok');
      expect(r.errs[0]).toBe(ErrBulkerClosed);
    } else {
      expect(r.res.outcome.kind).toBe('deadlock');
      expect(r.res.live.map((t) => t.name)).toContain('caller');
    }
    expect(fate(r.w.bulker, 0)).toBe(TABLE.P11[COLUMN[v]]);
  });
});
