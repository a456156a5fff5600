/**
 * Where two runs of one case part: the first differing decision, else the first
 * differing event; a decision digest that tells apart runs with one trace.
 */
import { describe, expect, it } from 'vitest';
import { DecisionLog, label } from '../sim/index.ts';
import { decisionsHash, firstDivergence, type PortableEvent, type RunRecord } from './divergence.ts';

const ev = (step: number, text?: string): PortableEvent => ({ step, time: step * 1000, task: 0, op: 14, blocked: false, detail: -1, text });
const rec = (decisions: RunRecord['decisions'], events: PortableEvent[] = []): RunRecord => ({ traceHash: '0'.repeat(16), decisions, events, taskNames: ['reader'] });

describe('firstDivergence', () => {
  it('names the first decision that differs in label, width or choice', () => {
    const a = rec([{ label: 'x', width: 2, choice: 0 }, { label: 'y', width: 3, choice: 1 }]);
    const b = rec([{ label: 'x', width: 2, choice: 0 }, { label: 'y', width: 3, choice: 2 }]);
    expect(firstDivergence(a, b)).toBe('first diverging decision #1: y (width 3) chose 1 here, y (width 3) chose 2 there');
    expect(firstDivergence(a, rec([{ label: 'x', width: 2, choice: 0 }]))).toBe('first diverging decision #1: y (width 3) chose 1 here, no decision (the run had ended) there');
  });

  it('with the same decisions, names the first event that differs', () => {
    const a = rec([], [ev(1, 'a'), ev(2, 'b')]);
    const b = rec([], [ev(1, 'a'), ev(2, 'c')]);
    expect(firstDivergence(a, b)).toBe('first diverging event #1 (step 2, 0.002s): reader note "b" here, reader note "c" there');
    expect(firstDivergence(a, a)).toBeNull();
  });
});

describe('decisionsHash', () => {
  it('differs when a width differs, whatever the label ids', () => {
    const l = label('divergence-test.l', 'workload');
    const one = new DecisionLog();
    one.push(l, 2, 1);
    const two = new DecisionLog();
    two.push(l, 3, 1);
    const again = new DecisionLog();
    again.push(l, 2, 1);
    expect(decisionsHash(one)).not.toBe(decisionsHash(two));
    expect(decisionsHash(one)).toBe(decisionsHash(again));
  });
});
