/**
 * The viewer page without a browser: one self-contained file (no network), holding every
 * trace event of checkin-storm seed 0 on pre-fix, naming the block the message names, and
 * a replay command that reproduces the trace hash.
 */
import { describe, expect, it } from 'vitest';
import { replayArgv, runCli } from '../../testing/run-cli.ts';
import { stormRun } from '../testing/cases.ts';
import { traceDoc } from '../trace-doc.ts';
import { unpackDoc, type PackedDoc } from './pack.ts';
import { viewerHtml } from './page.ts';

const run = stormRun();
const html = viewerHtml(traceDoc(run));
const embedded = (): PackedDoc => {
  const m = /<script type="application\/json" id="dst-trace">([\s\S]*?)<\/script>/.exec(html);
  if (m === null) throw new Error('no embedded trace');
  return JSON.parse(m[1] as string) as PackedDoc;
};

describe('viewer page (checkin-storm seed 0, pre-fix)', () => {
  it('is one file that loads nothing from anywhere', () => {
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toMatch(/<style>[\s\S]+<\/style>/);
  });

  it('contains every trace event', () => {
    const doc = unpackDoc(embedded());
    expect(doc.events).toHaveLength(run.result.trace.length);
    expect(doc.events.every((e, i) => e.seq === i)).toBe(true);
    expect(doc.events.at(-1)?.step).toBe(run.result.steps);
  });

  it('names the failing block the message names, in the header and the failure it opens on', () => {
    const block = /^block (\d+\.\d+) /.exec(run.report.message ?? '')?.[1];
    expect(block).toBe('0.4');
    expect(html).toContain(`block ${block} (Search, acquired by agent-55`);
    expect(embedded().failure?.resource).toBe(block);
  });

  it('shows a replay command that reproduces the trace hash', async () => {
    const cmd = /<code id="replay-cmd">([^<]*)<\/code>/.exec(html)?.[1] ?? '';
    expect(cmd).toBe('npx dst replay --seed 0 --scenario checkin-storm --variant pre-fix');
    const r = await runCli([...replayArgv(cmd), '--json']);
    expect((JSON.parse(r.stdout) as { traceHash: string }).traceHash).toBe(run.report.traceHash);
    expect(html).toContain(`<code id="trace-hash">${run.report.traceHash}</code>`);
  });
});
