/**
 * R5 (spec §6.2, §2.5): Run dies because the flush-semaphore acquire fails, either after the
 * 60 s acquire timeout (every maxPending slot held by a flush stuck in a hanging ES) or
 * because Run's ctx is cancelled mid-doFlush. Upstream abandons the queues not yet flushed
 * (their callers wait forever, their blocks leak); hardened fails them with ErrBulkerClosed.
 */
import { describe, expect, it } from 'vitest';
import { Canceled, DeadlineExceeded, ms, sec, sleep, type Context, type GoError, type Proc } from '../sim/index.ts';
import type { HttpRequest, Transport, TransportResult } from './transport.ts';
import { FaultProfileSchema } from '../elasticsearch/faults/index.ts';
import { ErrResponseHeaderTimeout } from '../elasticsearch/transport.ts';
import { ErrBulkerClosed } from './errors.ts';
import { fate } from './testing/harness.ts';
import { fakeWorld, type FakeWorld } from './testing/fake-world.ts';
import { VARIANT_NAMES, type VariantName } from './variants.ts';

const HANG = FaultProfileSchema.parse({ request: { hang: 1000 } });
const INDEX = '.fleet-test';

/**
 * An ES client that does not honour the flush ctx (a stand-in for a flush whose post-response
 * work outlives its 60 s flushCtx): only the 90 s response-header timeout ends a hung request.
 */
const ignoresCtx = (t: Transport, bg: Context): Transport => ({
  roundTrip(_ctx: Context, req: HttpRequest): Proc<TransportResult> {
    return t.roundTrip(bg, req);
  },
});

interface R5 {
  readonly w: FakeWorld;
  readonly runExitAt: number;
  /** Tasks still blocked when the run ended. */
  readonly blocked: readonly string[];
  /** Errors of the 8 slot holders, then of the read and search caught in Run's queues. */
  readonly errs: (GoError | null | undefined)[];
}

/** 8 creates each flushed alone (250 ms timer) fill the 8 slots; then a read and a search wait in Run's queues. */
function r5(v: VariantName, mode: 'cancel' | 'acquire-timeout'): R5 {
  const w = fakeWorld(v, { profile: HANG, ...(mode === 'acquire-timeout' ? { wrap: ignoresCtx } : {}) });
  const errs: (GoError | null | undefined)[] = [];
  let runExitAt = -1;
  for (let i = 0; i < 8; i++) {
    w.sim.spawn(`holder-${i}`, function* () {
      yield* sleep(ms(300) * i);
      errs[i] = (yield* w.bulker.create(w.bg, INDEX, `h${i}`, '{"a":1}')).err;
    });
  }
  w.sim.spawn('reader', function* () {
    yield* sleep(ms(2500));
    errs[8] = (yield* w.bulker.read(w.bg, INDEX, 'r')).err;
  });
  w.sim.spawn('searcher', function* () {
    yield* sleep(ms(2500));
    errs[9] = (yield* w.bulker.search(w.bg, INDEX, '{}')).err;
  });
  w.sim.spawn('watcher', function* () {
    while (w.runErr === undefined) yield* sleep(ms(10));
    runExitAt = w.sim.now;
  });
  if (mode === 'cancel') {
    w.sim.spawn('stopper', function* () {
      yield* sleep(sec(5));
      w.stop();
    });
  }
  const res = w.sim.run();
  if (mode === 'acquire-timeout') w.stop();
  return { w, runExitAt, errs, blocked: res.live.map((t) => t.name) };
}

describe.each(VARIANT_NAMES)('%s: R5 Run exits on a failed flush-semaphore acquire', (v) => {
  const hardened = v === 'hardened';
  it.each(['cancel', 'acquire-timeout'] as const)('%s', (mode) => {
    const r = r5(v, mode);
    // Run was in doFlush's Acquire (read queue) when it failed.
    expect(r.w.runErr).toBe(mode === 'cancel' ? Canceled : DeadlineExceeded);
    expect(r.runExitAt).toBe(mode === 'cancel' ? sec(5) : ms(2750) + sec(60));
    // The slot holders' flushes fail (Run's ctx cancelled, or the 90 s header timeout later).
    const holderErr = mode === 'cancel' ? Canceled : ErrResponseHeaderTimeout;
    expect(r.errs.slice(0, 8)).toEqual(Array(8).fill(holderErr));
    // The read and search in Run's queues: upstream never answers them; hardened fails them.
    expect([r.errs[8], r.errs[9]]).toEqual(hardened ? [ErrBulkerClosed, ErrBulkerClosed] : [undefined, undefined]);
    expect(r.blocked).toEqual(hardened ? [] : ['reader', 'searcher']);
    const leaks = r.w.bulker.pool.finish().filter((x) => x.kind === 'leak');
    if (hardened) expect(leaks).toEqual([]);
    else {
      expect([fate(r.w.bulker, 8), fate(r.w.bulker, 9)]).toEqual(['leak (enqueued)', 'leak (enqueued)']);
      expect(leaks.length).toBe(10);
    }
  });
});
