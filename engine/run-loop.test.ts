/** The Run loop (spec §2): thresholds, the flush timer, exit; and the two option sets (§1.5). */
import { describe, expect, it } from 'vitest';
import { Canceled, ms, sec, withCancel, type GoError } from '../sim/index.ts';
import { ENGINE_DEFAULTS, SERVER_CONFIG_DEFAULTS } from './options.ts';
import { go, world } from './testing/harness.ts';

function reads(variant: 'upstream', n: number, options: object): { time: number; flushes: string[]; runErr: GoError | null | undefined } {
  const w = world(variant, { options });
  const [rctx, stop] = withCancel(w.bg);
  const run = go(w.sim, 'bulker.run', () => w.bulker.run(rctx));
  let done = 0;
  let at = 0;
  for (let i = 0; i < n; i++) {
    go(w.sim, `caller${i}`, function* () {
      yield* w.bulker.read(w.bg, 'i', `${i}`);
      if (++done === n) {
        at = w.sim.now;
        stop();
      }
    });
  }
  const res = w.sim.run();
  return { time: at, flushes: res.taskNames.filter((t) => t.startsWith('flush-')), runErr: run.value };
}

describe('Run loop', () => {
  it('count threshold flushes at once', () => {
    const r = reads('upstream', 3, { flushThresholdCnt: 3, flushInterval: sec(5) });
    expect(r.time).toBe(ms(1));
    expect(r.flushes).toEqual(['flush-1-read']);
  });
  it('the timer flushes after flushInterval from the first block', () => {
    const r = reads('upstream', 3, { flushInterval: ms(250) });
    expect(r.time).toBe(ms(251));
    expect(r.flushes).toEqual(['flush-1-read']);
  });
  it('byte threshold', () => {
    const r = reads('upstream', 2, { flushThresholdSz: 10, flushInterval: sec(5) });
    expect(r.flushes).toEqual(['flush-1-read', 'flush-2-read']);
  });
  it('Run returns its ctx error', () => {
    expect(reads('upstream', 1, {}).runErr).toBe(Canceled);
  });
});

describe('options', () => {
  it('engine and server-config defaults', () => {
    expect(ENGINE_DEFAULTS).toMatchObject({ flushInterval: sec(5), flushThresholdCnt: 32768, flushThresholdSz: 10 * 1024 * 1024, maxPending: 32, blockQueueSz: 32, maxPendingBulkDispatches: 0 });
    expect(SERVER_CONFIG_DEFAULTS).toMatchObject({ flushInterval: ms(250), flushThresholdCnt: 2048, flushThresholdSz: 1024 * 1024, maxPending: 8, blockQueueSz: 32, apikeyMaxParallel: 120, enrollFlushInterval: sec(1), enrollFlushThresholdCnt: 50 });
  });
  it('the bulker channel capacity follows blockQueueSz', () => {
    const w = world('upstream');
    expect(w.bulker.ch.cap).toBe(32);
    expect(world('upstream', { options: { blockQueueSz: 1 } }).bulker.ch.cap).toBe(1);
  });
});
