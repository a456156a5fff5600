/**
 * Variant switches that depend on each other fail loudly when set alone; the release
 * variants are pinned to their upstream commits, and the variants whose flags are equal
 * are exactly the ones said to be (so a test of one stands for the others).
 */
import { describe, expect, it } from 'vitest';
import { runCase } from '../harness/case.ts';
import { engineCase } from '../targets/bulk-engine/testing.ts';
import { DISTINCT_VARIANTS, flagsKey, VARIANT_NAMES, VARIANTS, variantProblem, type VariantName } from './variants.ts';

describe('variant switches', () => {
  it('a switch set without what it needs is rejected, naming both', () => {
    for (const [name, f] of Object.entries(VARIANTS)) expect(variantProblem(name, f)).toBeNull();
    expect(variantProblem('x', { ...VARIANTS.upstream, closedSignal: true })).toMatch(/variant x: closedSignal needs failOnExit/);
    expect(variantProblem('x', { ...VARIANTS.upstream, drainTimeout: null })).toMatch(/drainTimeout: null needs drainOnAbortResponse, failOnExit and closedSignal/);
    expect(variantProblem('x', { ...VARIANTS['pre-fix'], freeOnErrorResponse: true })).toMatch(/freeOnErrorResponse needs freeOnAbortQueue/);
  });
});

describe('release variants (issue #17 item 7)', () => {
  it('groups of equal flags: pre-fix = release-9.3 = release-9.4, upstream = main; every other variant is its own', () => {
    const groups = new Map<string, VariantName[]>();
    for (const v of VARIANT_NAMES) groups.set(flagsKey(VARIANTS[v]), [...(groups.get(flagsKey(VARIANTS[v])) ?? []), v]);
    expect([...groups.values()].map((g) => g.sort()).sort()).toEqual(
      [['hardened'], ['main', 'upstream'], ['pr-6747'], ['pre-fix', 'release-9.3', 'release-9.4'], ['release-8.19'], ['release-9.5']].sort(),
    );
    expect(DISTINCT_VARIANTS.map((v) => flagsKey(VARIANTS[v])).sort()).toEqual([...groups.keys()].sort());
  });

  it('what each release line has (read at its branch head)', () => {
    const has = (v: VariantName) => ({ fix6747: VARIANTS[v].freeOnAbortQueue && VARIANTS[v].drainOnAbortResponse, enroll: VARIANTS[v].enrollQueue, cut7190: VARIANTS[v].apiKeyCutParse, client: VARIANTS[v].esClient.name });
    expect(has('release-8.19')).toEqual({ fix6747: false, enroll: false, cut7190: false, client: 'go-elasticsearch defaults, max_retries 3' });
    expect(has('release-9.3')).toEqual({ fix6747: false, enroll: false, cut7190: false, client: 'applyDefaultOptions' });
    expect(has('release-9.4')).toEqual({ fix6747: false, enroll: false, cut7190: false, client: 'applyDefaultOptions' });
    expect(has('release-9.5')).toEqual({ fix6747: true, enroll: false, cut7190: true, client: 'applyDefaultOptions' });
    expect(has('main')).toEqual({ fix6747: true, enroll: true, cut7190: true, client: 'applyDefaultOptions' });
    for (const v of VARIANT_NAMES) expect(VARIANTS[v].source).toMatch(v === 'hardened' ? /dc8e230/ : /^elastic\/fleet-server@[0-9a-f]{40} \(/);
  });

  it('release-9.4 fails checkin-storm on block-lifecycle exactly as pre-fix does (same flags, same run)', () => {
    const on = (v: VariantName) => runCase(engineCase({ scenario: 'checkin-storm', variant: v, seed: 0 })).report;
    const a = on('release-9.4');
    const b = on('pre-fix');
    expect(a.violations.some((x) => x.property === 'block-lifecycle')).toBe(true);
    expect(a.violations.map((x) => [x.property, x.message])).toEqual(b.violations.map((x) => [x.property, x.message]));
    expect(a.traceHash).toBe(b.traceHash);
  });
});
