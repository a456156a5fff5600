/**
 * The exploration's progress: the shared progress report (schedules of at most the
 * budget, rate, time left) with classes, redundant runs and depth appended, on a fake clock.
 */
import { describe, expect, it } from 'vitest';
import type { Io } from '../io.ts';
import { exploreDetail, exploreProgress } from './explore-progress.ts';

const p = { schedules: 32, classes: 20, redundant: 4, depth: 17 };

function fakeIo(tty: boolean): { io: Io; text: () => string } {
  let text = '';
  const out = { isTTY: tty, write: (s: string) => ((text += s), true) };
  return { io: { stdout: out, stderr: out } as unknown as Io, text: () => text };
}

describe('exploration progress', () => {
  it('appends classes, redundant runs and depth (only the depth without reduction)', () => {
    expect(exploreDetail(p)).toBe('20 classes, 4 redundant, depth 17');
    expect(exploreDetail({ ...p, classes: 0, redundant: 0 })).toBe('depth 17');
  });

  it('off a terminal: one line every 5 s, naming schedules, rate and the detail', () => {
    let t = 0;
    const { io, text } = fakeIo(false);
    const r = exploreProgress(io, 1_000, false, () => t);
    for (let i = 0; i < 100; i++) {
      t += 100; // 10 schedules/s for 10 s
      r.tick(p);
    }
    r.finish();
    const lines = text().split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('dst explore: 50 of at most 1,000 schedules, 10 schedules/s, at most 1m35s left, 20 classes, 4 redundant, depth 17');
  });

  it('prints nothing with --quiet, or for a short exploration', () => {
    const quiet = fakeIo(false);
    let t = 0;
    const r = exploreProgress(quiet.io, 1_000, true, () => (t += 1_000));
    for (let i = 0; i < 20; i++) r.tick(p);
    expect(quiet.text()).toBe('');
    const short = fakeIo(false);
    const s = exploreProgress(short.io, 1_000, false, () => 0);
    for (let i = 0; i < 20; i++) s.tick(p);
    s.finish();
    expect(short.text()).toBe('');
  });
});
