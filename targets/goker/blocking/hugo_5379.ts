/**
 * GoKer hugo#5379 — resource deadlock, double locking.
 *
 * A page renderer initialises the page's content in a `sync.Once` that starts a goroutine
 * and waits for it with a 1 ms timeout. That goroutine locks `contentInitMu` and renders
 * the shortcodes, which count the page's words and so re-enter the content Once (waiting
 * for the renderer) and then `initPlain`, which locks `contentInitMu` again. After the
 * timeout the goroutine blocks on the mutex it holds itself, and every renderer then
 * blocks behind it in `plainInit`.
 *
 * Fix (hugo#5379, "Fix deadlock when content building times out"): the content Once holds
 * `contentInitMu` itself, released when it returns (also on timeout); the goroutine it
 * starts no longer holds the lock while rendering.
 */
import { defineTarget } from '../../../harness/target.ts';
import { background, Mutex, Once, onRecv, select, send, WaitGroup, withTimeout, type Proc, type Sim } from '../../../sim/index.ts';
import { mapRange, Millisecond } from '../go.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'hugo_5379',
    description: 'a timed-out content build leaves its goroutine blocked on contentInitMu, which it already holds',
    fix: 'the content Once itself holds contentInitMu; the rendering goroutine does not',
    source: 'https://github.com/gohugoio/hugo/pull/5379',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';

    /** One page (the test creates one site with one page). */
    const page = {
      withoutContentInit: new Once(sim, 'withoutContentInit'),
      contentInit: new Once(sim, 'contentInit'),
      plainInit: new Once(sim, 'plainInit'),
      contentInitMu: new Mutex(sim, 'contentInitMu'),
      shortcodeInit: new Once(sim, 'shortcodeState.init'),
      contentShortcodes: new Map<number, () => Proc<void>>(),
      contentShortcodesDelta: new Map<number, () => Proc<void>>(),
    };

    function* withoutContent(): Proc<void> {
      yield* page.withoutContentInit.do(function* () {});
    }
    function* wordCount(): Proc<void> {
      // initContentPlainAndMeta
      yield* initContent();
      yield* initPlain(true);
    }
    function* initPlain(lock: boolean): Proc<void> {
      yield* page.plainInit.do(function* () {
        if (lock) {
          yield* page.contentInitMu.lock(); // the second lock of the buggy variant
          yield* page.contentInitMu.unlock();
        }
      });
    }
    /** `prepareForRender` -> `handleShortcodes` -> `executeShortcodesForDelta`. */
    function* prepareForRender(): Proc<void> {
      yield* withoutContent();
      for (const [, render] of mapRange(sim, page.contentShortcodesDelta)) yield* render();
    }
    function* initContent(): Proc<void> {
      yield* page.contentInit.do(function* () {
        const [tctx, cancel] = withTimeout(background(sim), Millisecond, 'initContent');
        const c = sim.chan<null>(1, 'initContent.c');
        if (fixed) yield* page.contentInitMu.lock();
        sim.spawn('prepareContent', function* () {
          if (!fixed) yield* page.contentInitMu.lock(); // first lock
          yield* prepareForRender();
          if (!fixed) yield* page.contentInitMu.unlock();
          yield* send(c, null);
        });
        yield* select([onRecv(tctx.done()), onRecv(c)]);
        cancel();
        if (fixed) yield* page.contentInitMu.unlock();
      });
    }
    /** `setContentInit` -> `updateDelta`. */
    function* setContentInit(): Proc<void> {
      yield* page.shortcodeInit.do(function* () {
        yield* withoutContent();
        // createShortcodeRenderers: one shortcode, whose rendering counts the page's words.
        page.contentShortcodes = new Map([[0, wordCount]]);
      });
      const delta = new Map<number, () => Proc<void>>();
      for (const [k, v] of mapRange(sim, page.contentShortcodes)) if (!delta.has(k)) delta.set(k, v);
      page.contentShortcodesDelta = delta;
    }
    function* renderPages(): Proc<void> {
      const wg = new WaitGroup(sim, 'renderPages.wg');
      for (let i = 0; i < 2; i++) {
        yield* wg.add(1);
        sim.spawn(`pageRenderer-${i}`, function* () {
          yield* wordCount(); // renderAndWritePage -> renderForLayouts
          yield* wg.done();
        });
      }
      yield* wg.wait();
    }

    sim.spawn('test', function* () {
      yield* withoutContent(); // newShortcodeHandler
      // Build -> render: one site, so preparePagesForRender once, then renderPages.
      yield* setContentInit();
      yield* renderPages();
    });
    return {};
  },
});
