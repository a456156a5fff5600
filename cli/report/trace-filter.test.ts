/**
 * Text-trace filters: each flag alone and together, on the v3 regression, and the one-line
 * errors of bad values.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../harness/input-error.ts';
import { v3Run } from './testing/cases.ts';
import { traceDoc } from './trace-doc.ts';
import { filterEvents, parseTraceFilter, type TraceFilterFlags } from './trace-filter.ts';
import { textTrace } from './trace-text.ts';

const doc = traceDoc(v3Run());
const lines = (flags: TraceFilterFlags) => textTrace(doc, parseTraceFilter(flags, 'text')).split('\n').filter((l) => l !== '');
const taskOf = (l: string) => l.slice(22).trim().split(/\s+/)[0];

describe('text trace filters', () => {
  it('--block ID keeps every generation of the block, ID.GEN one generation, and nothing else', () => {
    expect(lines({ block: ['0'] }).every((l) => / block 0\.\d+ /.test(l))).toBe(true);
    expect(lines({ block: ['0.1'] })).toHaveLength(4);
    expect(lines({ block: ['0.1'] }).map((l) => l.split(' block 0.1 ')[1])).toEqual(['acquire', 'enqueue', 'flush (flushRead)', 'answer (ok)']);
  });

  it('--task NAME is exact, NAME* a prefix, and repeats widen', () => {
    expect(new Set(lines({ task: ['agent-0'] }).map(taskOf))).toEqual(new Set(['agent-0']));
    expect(new Set(lines({ task: ['flush-*'] }).map(taskOf))).toEqual(new Set(['flush-1-read']));
    expect(new Set(lines({ task: ['agent-0', 'shutdown'] }).map(taskOf))).toEqual(new Set(['agent-0', 'shutdown']));
  });

  it('--from/--to keep a virtual-time window, --around-failure N steps either side of the failure', () => {
    const window = filterEvents(doc, parseTraceFilter({ from: '0.1', to: '0.26' }, 'text') ?? expect.fail());
    expect(window.every((e) => e.t >= 100_000 && e.t <= 260_000)).toBe(true);
    expect(window.length).toBeGreaterThan(5);
    const around = filterEvents(doc, parseTraceFilter({ aroundFailure: '1' }, 'text') ?? expect.fail());
    expect(new Set(around.map((e) => e.step))).toEqual(new Set([14, 15, 16]));
  });

  it('different filters narrow together', () => {
    expect(lines({ task: ['agent-0'], block: ['0.1'] })).toHaveLength(2);
  });

  it('bad values are one line naming the flag', () => {
    const bad: [TraceFilterFlags, string | null, RegExp][] = [
      [{ block: ['x'] }, 'text', /^--block: "x" is not a block id/],
      [{ block: ['1.2.3'] }, 'text', /^--block:/],
      [{ from: '-1' }, 'text', /^--from: "-1" is not a number of virtual seconds/],
      [{ from: '3', to: '2' }, 'text', /^--from: 3 is after --to 2/],
      [{ aroundFailure: 'many' }, 'text', /^--around-failure:/],
      [{ task: ['*'] }, 'text', /^--task:/],
      [{ task: ['agent-0'] }, 'json', /^--task: filters the text trace; give --trace text/],
      [{ block: ['0'] }, null, /^--block: filters the text trace/],
    ];
    for (const [flags, format, msg] of bad) expect(() => parseTraceFilter(flags, format), JSON.stringify(flags)).toThrow(msg);
    expect(() => filterEvents(doc, parseTraceFilter({ task: ['nobody'] }, 'text') ?? expect.fail())).toThrow(InputError);
    expect(() => filterEvents(doc, parseTraceFilter({ block: ['9'] }, 'text') ?? expect.fail())).toThrow(/^--block: this run has no block 9$/);
  });
});
