/**
 * The trace viewer in `npm run bench`: page weight and render time for checkin-storm seed
 * 0 on pre-fix (about 28,000 events), time to first render in Debian's Chromium when it
 * is installed, and frame time with every lane over the whole run for the `incident`
 * trace (about 400,000 events). Timing here is the bench's own, outside any simulation.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCase } from '../harness/case.ts';
import { engineCase } from '../targets/bulk-engine/testing.ts';
import { traceDoc } from '../cli/report/trace-doc.ts';
import { viewerHtml } from '../cli/report/viewer/page.ts';
import { CHROMIUM, CHROMIUM_FLAGS } from '../cli/report/viewer/chromium.ts';
import { median } from './measure.ts';

/** Results of the viewer bench (times in ms, sizes in bytes; null when not measured). */
export interface ViewerBench {
  readonly stormEvents: number;
  readonly stormPageBytes: number;
  /** Document and page built in Node, ms. */
  readonly stormRenderMs: number;
  /** Navigation start to the end of the first render in Chromium, median of 3 loads. */
  readonly stormFirstRenderMs: number | null;
  readonly incidentEvents: number;
  readonly incidentPageBytes: number;
  readonly incidentFirstRenderMs: number | null;
  /** One redraw with every lane and the whole run shown, median of 5. */
  readonly incidentFrameMs: number | null;
  /** Why the browser figures are missing, if they are. */
  readonly browser: string;
}

function page(scenario: string): { html: string; events: number; ms: number } {
  const run = runCase(engineCase({ scenario, variant: 'pre-fix', seed: 0, keepTrace: true }));
  const t0 = performance.now(); // determinism-ok: bench timing
  const html = viewerHtml(traceDoc(run));
  return { html, events: run.result.trace.length, ms: performance.now() - t0 }; // determinism-ok: bench timing
}

interface BrowserFigures {
  firstRender: number[];
  frame: number[];
}

async function inChromium(file: string, loads: number, frames: number): Promise<BrowserFigures> {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'dst-bench-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_FLAGS], viewport: { width: 1600, height: 1000 } });
  try {
    const p = await ctx.newPage();
    const firstRender: number[] = [];
    for (let i = 0; i < loads; i++) {
      await p.goto(`file://${file}`);
      await p.waitForSelector('body[data-ready="1"]', { timeout: 120_000 });
      firstRender.push(await p.evaluate(() => (globalThis as unknown as { dstViewer: { firstRenderMs: number } }).dstViewer.firstRenderMs));
    }
    const frame =
      frames === 0
        ? []
        : await p.evaluate((n) => {
            const v = (globalThis as unknown as { dstViewer: { showEverything(): void; redraw(): number } }).dstViewer;
            v.showEverything();
            return Array.from({ length: n }, () => v.redraw());
          }, frames);
    return { firstRender, frame };
  } finally {
    await ctx.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Runs the viewer bench. */
export async function viewerBench(): Promise<ViewerBench> {
  const dir = mkdtempSync(join(tmpdir(), 'dst-bench-viewer-'));
  try {
    const storm = page('checkin-storm');
    const incident = page('incident');
    const stormFile = join(dir, 'storm.html');
    const incidentFile = join(dir, 'incident.html');
    writeFileSync(stormFile, storm.html);
    writeFileSync(incidentFile, incident.html);
    const base = { stormEvents: storm.events, stormPageBytes: Buffer.byteLength(storm.html), stormRenderMs: Math.round(storm.ms), incidentEvents: incident.events, incidentPageBytes: Buffer.byteLength(incident.html) };
    if (!existsSync(CHROMIUM)) {
      return { ...base, stormFirstRenderMs: null, incidentFirstRenderMs: null, incidentFrameMs: null, browser: `not measured: no Chromium at ${CHROMIUM} (apt-get install -y chromium)` };
    }
    const s = await inChromium(stormFile, 3, 0);
    const i = await inChromium(incidentFile, 1, 5);
    return { ...base, stormFirstRenderMs: Math.round(median(s.firstRender)), incidentFirstRenderMs: Math.round(median(i.firstRender)), incidentFrameMs: Math.round(median(i.frame)), browser: 'Chromium' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
