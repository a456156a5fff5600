/**
 * The viewer in a real browser: Debian's Chromium, headless, driven by playwright-core,
 * on a real failure (checkin-storm seed 0 on pre-fix). Checks what a reader sees first
 * (header, replay command, the failing block's span), that clicking an event fills the
 * details panel, that a filter hides lanes, that the causal slice is highlighted, and
 * saves screenshots under `test-output/viewer/` (with `DST_UPDATE_DOCS=1`, also the
 * README's `docs/viewer-checkin-storm.png`). Each launch gets a fresh user-data-dir.
 *
 * Without Chromium the test is skipped, saying how to install it; under `CI=true` a
 * missing Chromium fails the run.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stormRun } from '../testing/cases.ts';
import { describeEvent, namesOf } from '../trace-describe.ts';
import { traceDoc } from '../trace-doc.ts';
import type { TraceDoc } from '../trace-doc-types.ts';
import { CHROMIUM, CHROMIUM_FLAGS, INSTALL_CHROMIUM } from './chromium.ts';
import { viewerHtml } from './page.ts';

const OUT = resolve('test-output/viewer');
const HOW = `install it with "${INSTALL_CHROMIUM}" to run it`;
const haveChromium = existsSync(CHROMIUM);
/** What the page exposes to tests (`window.dstViewer`). */
interface ViewerWindow {
  readonly dstViewer: { lanes(): number[] };
}

if (!haveChromium && process.env.CI !== 'true') {
  process.stderr.write(`\n[dst] browser test SKIPPED: no Chromium at ${CHROMIUM}; ${HOW} (under CI=true a missing Chromium fails the run)\n\n`);
}

if (!haveChromium && process.env.CI === 'true') {
  describe('viewer in Chromium (CI)', () => {
    it(`needs Chromium at ${CHROMIUM}`, () => {
      expect.fail(`CI=true and no Chromium at ${CHROMIUM}: .ci/run must ${HOW.replace('to run it', 'first')}`);
    });
  });
}

describe.skipIf(!haveChromium)(`viewer in Chromium (skipped without ${CHROMIUM}: ${HOW})`, () => {
  let doc: TraceDoc;
  let ctx: BrowserContext;
  let page: Page;
  let profile: string;
  /** The first event of `task` matching `what` at or after the failing block's acquire. */
  const seqOf = (task: string, what: RegExp): number => {
    const n = namesOf(doc);
    const from = doc.resources.find((r) => r.key === '0.4')?.transitions[0]?.seq ?? 0;
    const e = doc.events.find((x) => x.seq >= from && n.taskName(x.task) === task && what.test(describeEvent(x, n)));
    if (e === undefined) throw new Error(`no event of ${task} matching ${what}`);
    return e.seq;
  };

  beforeAll(async () => {
    doc = traceDoc(stormRun());
    mkdirSync(OUT, { recursive: true });
    const file = join(OUT, 'checkin-storm-pre-fix-0.html');
    writeFileSync(file, viewerHtml(doc));
    profile = mkdtempSync(join(tmpdir(), 'dst-chromium-'));
    ctx = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_FLAGS], viewport: { width: 1600, height: 1000 } });
    page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`file://${file}`);
    await page.waitForSelector('body[data-ready="1"]', { timeout: 20_000 });
    expect(errors).toEqual([]);
  }, 60_000);

  afterAll(async () => {
    await ctx?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('says in its header what ran, what failed and how to replay it', async () => {
    const header = await page.textContent('#dst-header');
    for (const s of ['block-lifecycle', 'checkin-storm', 'pre-fix', 'seed 0', 'bulk-engine', doc.header.traceHash, 'block 0.4 (Search, acquired by agent-55 at 30.056s) was never freed']) expect(header).toContain(s);
    expect(await page.textContent('#replay-cmd')).toBe('npx dst replay --seed 0 --scenario checkin-storm --variant pre-fix');
    await expect(page.locator('#copy-replay').isVisible()).resolves.toBe(true);
  });

  it('shows the failing block’s span, never freed, on the first screen', async () => {
    const box = await page.locator('g.span[data-res="0.4"] rect').boundingBox();
    expect(box).not.toBeNull();
    const b = box as NonNullable<typeof box>;
    expect(b.width).toBeGreaterThan(100);
    expect(b.x).toBeLessThan(1600);
    expect(b.y).toBeGreaterThan(0);
    expect(b.y + b.height).toBeLessThan(1000);
    await expect(page.getAttribute('g.span[data-res="0.4"]', 'class')).resolves.toContain('fate-never-freed');
    await page.screenshot({ path: join(OUT, 'first-screen.png') });
  });

  it('highlights the causal slice: the block, the cancel, the caller walking away, the flush that answered', async () => {
    const lit = new Set((await page.$$eval('.ev.in-slice', (els) => els.map((e) => Number(e.getAttribute('data-seq'))))));
    for (const [task, what] of [
      ['agent-55', /block 0\.4 acquire/],
      ['agent-55', /block 0\.4 enqueue/],
      ['kernel', /disconnect agent-55/],
      ['agent-55', /dispatch abort response/],
      ['flush-143-fleetSearch', /block 0\.4 flush/],
      ['flush-143-fleetSearch', /block 0\.4 answer/],
    ] as const) {
      expect(lit.has(seqOf(task, what)), `${task} ${what}`).toBe(true);
    }
    expect(await page.locator('.ev.dim').count()).toBeGreaterThan(0);
    expect(await page.locator('#story-list li').count()).toBe(doc.failure?.slice.length);
  });

  it('fills the details panel when an event is clicked', async () => {
    const acquire = seqOf('agent-55', /block 0\.4 acquire/);
    await page.locator(`.ev[data-seq="${acquire}"]`).click();
    const details = await page.textContent('#details');
    for (const s of ['agent-55', 'block 0.4', 'acquire', '30.056334 s', 'decision']) expect(details).toContain(s);
    // The moment of the bug: the caller woken by its cancel returns without freeing.
    await page.locator(`.ev[data-seq="${seqOf('agent-55', /dispatch abort response/)}"]`).click();
    await expect(page.textContent('#details')).resolves.toContain('woken by a close (inferred) in kernel: timer fires: disconnect agent-55');
    await page.screenshot({ path: join(OUT, 'selected.png') });
    if (process.env.DST_UPDATE_DOCS === '1') {
      mkdirSync(resolve('docs'), { recursive: true });
      copyFileSync(join(OUT, 'selected.png'), resolve('docs/viewer-checkin-storm.png'));
    }
  });

  it('finds events by text search and brings the first match into view', async () => {
    await page.fill('#q', 'disconnect agent-55');
    await page.press('#q', 'Enter');
    await expect(page.textContent('#q-count')).resolves.toMatch(/^1 of \d+$/);
    await expect(page.textContent('#details')).resolves.toContain('timer fires: disconnect agent-55');
    await page.fill('#q', '');
  });

  it('hides lanes with a task filter', async () => {
    await page.click('#btn-all');
    await page.waitForFunction(() => (globalThis as unknown as ViewerWindow).dstViewer.lanes().length > 400);
    await page.fill('#f-task', 'flush-143');
    await page.waitForFunction(() => (globalThis as unknown as ViewerWindow).dstViewer.lanes().length === 1);
    await expect(page.locator('text.lane-label[data-lane]').evaluateAll((els) => els.map((e) => e.lastChild?.textContent))).resolves.toEqual(['flush-143-fleetSearch']);
    await page.fill('#f-task', '');
  });
});
