/**
 * Variant switches that depend on each other fail loudly when set alone.
 */
import { describe, expect, it } from 'vitest';
import { VARIANTS, variantProblem } from './variants.ts';

describe('variant switches', () => {
  it('a switch set without what it needs is rejected, naming both', () => {
    for (const [name, f] of Object.entries(VARIANTS)) expect(variantProblem(name, f)).toBeNull();
    expect(variantProblem('x', { ...VARIANTS.upstream, closedSignal: true })).toMatch(/variant x: closedSignal needs failOnExit/);
    expect(variantProblem('x', { ...VARIANTS.upstream, drainTimeout: null })).toMatch(/drainTimeout: null needs drainOnAbortResponse, failOnExit and closedSignal/);
    expect(variantProblem('x', { ...VARIANTS['pre-fix'], freeOnErrorResponse: true })).toMatch(/freeOnErrorResponse needs freeOnAbortQueue/);
  });
});
