/**
 * Distinct bugs and their consequences: a less severe signature seen only in runs that
 * also show a more severe bug is folded under it; one seen without it stays a bug.
 */
import { describe, expect, it } from 'vitest';
import { engineCase } from '../targets/bulk-engine/testing.ts';
import { groupBugs } from './bugs.ts';
import { runCase } from './case.ts';
import { propertiesOf } from './properties.ts';
import { loadTarget } from './targets.ts';

const NEXT_RACE = 'data-race: block .next: read at flushUpdateAPIKey: n.next after send / write at free: reset (caller: success)';

describe('groupBugs folds consequences', () => {
  it("folds a data race seen only with a use-after-free under it, and keeps it a bug once a run shows it alone", async () => {
    const props = propertiesOf((await loadTarget(undefined)).target);
    const withUaf = runCase(engineCase({ scenario: 'policy-change', variant: 'upstream', seed: 0 })).report;
    const raceOnly = runCase(engineCase({ scenario: 'api-key-race', variant: 'upstream', seed: 10 })).report;
    expect(withUaf.violationCounts['use-after-free']).toBeGreaterThan(0);
    expect(Object.keys(withUaf.signatureCounts)).toContain(NEXT_RACE);
    expect(raceOnly.violationCounts['use-after-free']).toBeUndefined();

    const folded = groupBugs([withUaf], props);
    expect(folded.map((b) => b.signature)).not.toContain(NEXT_RACE);
    expect(folded[0]?.property).toBe('use-after-free');
    expect(folded.flatMap((b) => b.consequences.map((c) => c.signature))).toContain(NEXT_RACE);

    const both = groupBugs([withUaf, raceOnly], props);
    // A bug of its own again: the race on .next (this pair of sites, or another pair on .next it is folded with).
    const race = both.find((b) => b.signature === NEXT_RACE || (b.property === 'data-race' && b.consequences.some((c) => c.signature === NEXT_RACE)));
    expect(race?.signature.startsWith('data-race: block .next: ')).toBe(true);
    expect(race?.runs).toBe(2);
    expect(both.filter((b) => b.property === 'use-after-free').flatMap((b) => b.consequences.map((c) => c.signature))).not.toContain(NEXT_RACE);
  });

  it('folds a panic seen only in runs with a use-after-free under it (after memory corruption everything is suspect), and ranks the group by its worst class', async () => {
    const props = propertiesOf((await loadTarget(undefined)).target);
    const r = runCase(engineCase({ scenario: 'policy-change', variant: 'upstream', seed: 2 })).report;
    expect(r.violationCounts['no-panic']).toBeGreaterThan(0);
    expect(r.violationCounts['use-after-free']).toBeGreaterThan(0);
    const bugs = groupBugs([r], props);
    expect(bugs.map((b) => b.property)).not.toContain('no-panic');
    const uaf = bugs[0];
    expect(uaf?.property).toBe('use-after-free');
    expect(uaf?.worst).toBe('crash');
    expect(uaf?.consequences[0]?.severity).toBe('crash');
  });
});

