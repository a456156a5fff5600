/**
 * R5 (spec §6.2, §2.5): Run dies because the flush-semaphore acquire fails, either after the
 * 60 s acquire timeout (every maxPending slot held by a flush stuck in a hanging ES) or
 * because Run's ctx is cancelled mid-doFlush. Upstream abandons the queues not yet flushed
 * (their callers wait forever, their blocks leak); hardened fails them with ErrBulkerClosed
 * on a cancel, and has no acquire timeout (`acquireOnRunCtx`): it waits for the slot.
 */
import { describe, expect, it } from 'vitest';
import { Canceled, DeadlineExceeded, ms, sec, sleep, type Context, type GoError, type Proc } from '../sim/index.ts';
import type { HttpRequest, Transport, TransportResult } from './transport.ts';
import { FaultProfileSchema } from '../elasticsearch/faults/index.ts';
import { ErrResponseHeaderTimeout } from '../elasticsearch/transport.ts';
import { ErrBulkerClosed } from './errors.ts';
import { SERVER_CONFIG_DEFAULTS } from './options.ts';
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
    while (w.runErr === undefined && (errs[8] === undefined || errs[9] === undefined)) yield* sleep(ms(10));
    if (w.runErr !== undefined) runExitAt = w.sim.now;
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
  it.each(hardened ? (['cancel'] as const) : (['cancel', 'acquire-timeout'] as const))('%s', (mode) => {
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

describe('hardened: no acquire timeout (acquireOnRunCtx)', () => {
  it('Run waits for a slot held by a flush that ignores its ctx, then flushes the read and the search', () => {
    const r = r5('hardened', 'acquire-timeout');
    expect(r.w.runErr).toBeUndefined();
    expect(r.runExitAt).toBe(-1);
    // Each caller's flush got a slot once a holder's 90 s header timeout freed one.
    expect(r.errs).toEqual(Array(10).fill(ErrResponseHeaderTimeout));
    expect(r.blocked).toEqual(['bulker.run']);
    expect(r.w.bulker.pool.finish().filter((x) => x.kind === 'leak')).toEqual([]);
  });
});

/**
 * R5 as swarm found it (`es-brownout` seed 12, swarm, maxPending 1): one doFlush hands on two
 * queues, the first takes the only slot and its flush hangs; Run's 60 s acquire for the second
 * starts at the same instant as the holder's 60 s flushCtx, so both end together and the
 * holder lets the slot go only after failing its queue: the acquire fails first.
 */
function sameDoFlush(v: VariantName): { w: FakeWorld; runExitAt: number; errs: (GoError | null | undefined)[]; at: number[]; blocked: string[] } {
  const w = fakeWorld(v, { profile: HANG, raw: true, options: { ...SERVER_CONFIG_DEFAULTS, maxPending: 1 } });
  const errs: (GoError | null | undefined)[] = [];
  const at: number[] = [];
  let runExitAt = -1;
  const call = (i: number, f: () => Proc<{ err: GoError | null }>) => function* () {
    yield* sleep(ms(100));
    errs[i] = (yield* f()).err;
    at[i] = w.sim.now;
  };
  w.sim.spawn('reader', call(0, () => w.bulker.read(w.bg, INDEX, 'r')));
  w.sim.spawn('searcher', call(1, () => w.bulker.search(w.bg, INDEX, '{}')));
  w.sim.spawn('watcher', function* () {
    while (w.runErr === undefined && (errs[0] === undefined || errs[1] === undefined)) yield* sleep(ms(10));
    if (w.runErr !== undefined) runExitAt = w.sim.now;
  });
  const res = w.sim.run();
  return { w, runExitAt, errs, at, blocked: res.live.map((t) => t.name) };
}

describe.each(VARIANT_NAMES)('%s: R5 with the slot holder started by the same doFlush (maxPending 1)', (v) => {
  it(v === 'hardened' ? 'Run stays alive and flushes the second queue once the slot is free' : 'Run dies with its ctx live and abandons the second queue', () => {
    const r = sameDoFlush(v);
    // The 250 ms timer flushes both queues at 0.35 s; the read's flush hangs until its flushCtx ends.
    expect([r.errs[0], r.at[0]]).toEqual([DeadlineExceeded, ms(350) + sec(60)]);
    if (v === 'hardened') {
      expect(r.w.runErr).toBeUndefined();
      expect([r.errs[1], r.at[1]]).toEqual([DeadlineExceeded, ms(350) + sec(120)]);
      expect(r.blocked).toEqual(['bulker.run']);
    } else {
      expect([r.w.runErr, r.runExitAt]).toEqual([DeadlineExceeded, ms(350) + sec(60)]);
      expect(r.errs[1]).toBeUndefined();
      expect(r.blocked).toEqual(['searcher']);
    }
    r.w.stop();
  });
});
