/**
 * The trace document on real failures: every event, typed resources and fates, the
 * violation's block as its message names it, hand-off edges through selects, timers and
 * spawns, and a causal slice that tells the v3 story (and leaves the shutdown out).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stormRun, runReproFile, v3Run } from './testing/cases.ts';
import { describeEvent, namesOf } from './trace-describe.ts';
import { traceDoc } from './trace-doc.ts';
import type { DocEvent, TraceDoc } from './trace-doc-types.ts';

const v3 = v3Run();
const doc = traceDoc(v3);
const names = namesOf(doc);
/** The seq of the first event whose description (with its task) matches. */
const seqOf = (d: TraceDoc, task: string, what: RegExp): number => {
  const n = namesOf(d);
  const e = d.events.find((x) => n.taskName(x.task) === task && what.test(describeEvent(x, n)));
  if (e === undefined) throw new Error(`no event of ${task} matching ${what}`);
  return e.seq;
};

describe('trace document (v3 regression: cancel after enqueue, pre-fix)', () => {
  it('has the header a reader needs and every event', () => {
    expect(doc.header).toMatchObject({ format: 'dst-trace/1', target: 'bulk-engine', scenario: 'v3-cancel-after-enqueue', variant: 'pre-fix', seed: 0, property: 'block-lifecycle', traceHash: '899220b1042bd9a5', replay: 'npx dst replay fixtures/regressions/v3-cancel-after-enqueue-pre-fix-0.json' });
    expect(doc.header.explanation).toMatch(/^block 0\.1 \(ReadRaw, acquired by agent-0/);
    expect(doc.events.map((e) => e.seq)).toEqual([...Array(v3.result.trace.length).keys()]);
  });

  it('groups tasks and keeps their lineage', () => {
    const byName = new Map(doc.tasks.map((t) => [t.name, t]));
    expect(byName.get('kernel')).toMatchObject({ id: -1, group: 'kernel' });
    expect(byName.get('agent-0')?.group).toBe('agents');
    expect(byName.get('bulker.run')?.group).toBe('engine');
    expect(byName.get('flush-1-read')).toMatchObject({ group: 'flushes', lineage: 'flush-1-read <- bulker.run' });
  });

  it('names the case and channel of every select that ran one', () => {
    expect(describeEvent(doc.events[seqOf(doc, 'agent-0', /^select case/)] as DocEvent, names)).toBe('select case 0: send bulker.ch');
    expect(describeEvent(doc.events[5] as DocEvent, names)).toBe('select (blocks; then case 0: recv bulker.ch)');
  });

  it('has the violating block as the message names it, never freed, with its transitions', () => {
    expect(doc.violations[0]?.resource).toEqual({ pool: 'bulker.pool', id: 0, gen: 1, key: '0.1' });
    const r = doc.resources.find((x) => x.key === '0.1');
    expect(r?.fate).toBe('never-freed');
    expect(r?.transitions.map((s) => s.event)).toEqual(['acquire', 'enqueue', 'flush', 'answer']);
    expect(r?.transitions.every((s) => typeof s.decision === 'number')).toBe(true);
  });

  it('derives hand-offs: select send to the parked Run loop, timers, spawns, the cancel that woke the agent', () => {
    const has = (from: number, to: number, kind: string) => doc.edges.some((e) => e.from === from && e.to === to && e.kind === kind);
    const enqueueSend = seqOf(doc, 'agent-0', /^select case 0: send bulker.ch/);
    const runWakes = doc.events.find((e) => e.seq > enqueueSend && names.taskName(e.task) === 'bulker.run') as DocEvent;
    expect(has(enqueueSend, runWakes.seq, 'send')).toBe(true);
    expect(has(seqOf(doc, 'kernel', /es\.response/), seqOf(doc, 'flush-1-read', /answer/), 'timer')).toBe(true);
    expect(has(seqOf(doc, 'bulker.run', /^spawn flush-1-read/), seqOf(doc, 'flush-1-read', /flush/), 'spawn')).toBe(true);
    expect(doc.edges.find((e) => e.from === seqOf(doc, 'kernel', /disconnect agent-0/))).toMatchObject({ to: seqOf(doc, 'agent-0', /dispatch abort/), kind: 'close', inferred: true });
    expect(doc.edges.every((e) => e.from < e.to)).toBe(true);
  });

  it('slices the failure back to its causes: the block, the cancel, the caller walking away, the flush that answered', () => {
    const slice = new Set(doc.failure?.slice);
    for (const [task, what] of [
      ['agent-0', /acquire/],
      ['agent-0', /enqueue/],
      ['kernel', /disconnect agent-0/],
      ['agent-0', /dispatch abort response/],
      ['bulker.run', /spawn flush-1-read/],
      ['kernel', /es\.response/],
      ['flush-1-read', /answer/],
    ] as const) {
      expect(slice.has(seqOf(doc, task, what)), `${task} ${what}`).toBe(true);
    }
    for (const s of slice) expect(names.taskName((doc.events[s] as DocEvent).task)).not.toBe('shutdown');
    expect(doc.failure?.anchor).toBe(seqOf(doc, 'flush-1-read', /answer/));
  });
});

describe('trace document (checkin-storm seed 0, pre-fix)', () => {
  const storm = stormRun();
  const sdoc = traceDoc(storm);

  it('holds every event, the block the message names, and every leaked block as never freed', () => {
    expect(sdoc.events).toHaveLength(storm.result.trace.length);
    expect(sdoc.events.length).toBeGreaterThan(25_000);
    const first = sdoc.violations[0];
    expect(first?.message).toContain(`block ${first?.resource?.key} `);
    expect(sdoc.failure?.resource).toBe(first?.resource?.key);
    const never = sdoc.resources.filter((r) => r.fate === 'never-freed').map((r) => r.key).sort();
    expect(never).toEqual(sdoc.violations.map((v) => v.resource?.key).sort());
    expect(sdoc.edges.every((e) => e.from < e.to)).toBe(true);
  });
});

describe('the side column changes no hash', () => {
  it('every regression file replays with its hash while the whole trace (and the side column) is kept', () => {
    const dir = 'fixtures/regressions';
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
      const run = runReproFile(join(dir, f));
      expect(run.result.trace.length, f).toBeGreaterThan(0);
      expect(traceDoc(run).header.traceHash, f).toBe((JSON.parse(readFileSync(join(dir, f), 'utf8')) as { traceHash: string }).traceHash);
    }
  });
});
