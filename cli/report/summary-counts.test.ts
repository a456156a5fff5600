/**
 * The summary table counts each run by its whole `violationCounts`, never by the
 * violations a compacted report keeps (one per signature), so a property whose
 * violations were all trimmed away still shows as failing.
 */
import { describe, expect, it } from 'vitest';
import { runCase, type CaseReport } from '../../harness/case.ts';
import { compactReport } from '../../harness/sweep.ts';
import { propertyNames } from '../../harness/properties.ts';
import { bulkEngine } from '../../targets/bulk-engine/index.ts';
import { engineCase } from '../../targets/bulk-engine/testing.ts';
import { renderSummary } from './summary.ts';
import { styleFor } from './style.ts';

const plain = styleFor(false);

/** The cell of `property` in `scenario`'s row. */
function cell(table: string, scenario: string, property: string): string {
  const lines = table.split('\n');
  const header = lines[0] as string;
  const row = lines.find((l) => l.startsWith(`${scenario} `)) as string;
  const at = header.indexOf(property);
  return row.slice(at, at + property.length + 14).trim().split(/\s{2,}/)[0] as string;
}

describe('summary table', () => {
  it('agrees with violationCounts when a run has more violations than it keeps', () => {
    const reports: CaseReport[] = [0, 1, 2].map((seed) => compactReport(runCase(engineCase({ scenario: 'policy-change', variant: 'upstream', seed })).report));
    for (const r of reports) expect(r.violations.length).toBeLessThan(Object.values(r.violationCounts).reduce((a, b) => a + b, 0));
    const table = renderSummary(reports, plain, propertyNames(bulkEngine), 0);
    for (const p of propertyNames(bulkEngine).filter((x) => x !== 'determinism')) {
      const failing = reports.filter((r) => (r.violationCounts[p] ?? 0) > 0);
      expect(cell(table, 'policy-change', p), p).toBe(failing.length === 0 ? 'ok' : `${failing.length} (seed ${failing[0]?.seed})`);
    }
  });

  it('a property with no kept violation but a count still fails its cell', () => {
    const r = compactReport(runCase(engineCase({ scenario: 'bad-input', variant: 'upstream', seed: 0 })).report);
    const trimmed: CaseReport = { ...r, violations: [], violationCounts: { ...r.violationCounts, 'use-after-free': 3 } };
    const table = renderSummary([trimmed], plain, propertyNames(bulkEngine), 0);
    expect(cell(table, 'bad-input', 'use-after-free')).toBe('1 (seed 0)');
    expect(cell(table, 'bad-input', 'no-panic')).toBe('ok');
  });
});
