/**
 * Repro expectations: a case meets `pass` only by passing, and a property only if the
 * replay itself held (no divergence, no nondeterminism).
 */
import { describe, expect, it } from 'vitest';
import type { Violation } from '../properties/violation.ts';
import type { CaseReport } from './case.ts';
import { meetsExpectation } from './repro.ts';

const v = (property: Violation['property']): Violation => ({ property, message: property, evidence: { step: 0, time: 0 } });
const report = (...vs: Violation[]) => ({ passed: vs.length === 0, violations: vs }) as unknown as CaseReport;

describe('meetsExpectation', () => {
  it('pass means no violation at all', () => {
    expect(meetsExpectation(report(), 'pass')).toBe(true);
    expect(meetsExpectation(report(v('block-lifecycle')), 'pass')).toBe(false);
  });
  it('a property must be among the violations, in any position', () => {
    expect(meetsExpectation(report(v('no-stuck-tasks'), v('block-lifecycle')), 'block-lifecycle')).toBe(true);
    expect(meetsExpectation(report(v('no-stuck-tasks')), 'block-lifecycle')).toBe(false);
  });
  it('a diverged or nondeterministic replay meets no other expectation', () => {
    expect(meetsExpectation(report(v('determinism'), v('block-lifecycle')), 'block-lifecycle')).toBe(false);
    expect(meetsExpectation(report(v('determinism')), 'determinism')).toBe(true);
  });
});
