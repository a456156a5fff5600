/**
 * The exploration's progress line: when it is printed (a fake clock), and what it says.
 */
import { describe, expect, it } from 'vitest';
import { progressLine, ProgressTicker } from './explore-progress.ts';

function fakeOut(tty: boolean) {
  const lines: string[] = [];
  return { lines, out: { isTTY: tty, write: (s: string) => lines.push(s) } };
}

const p = { schedules: 32, classes: 20, redundant: 4, depth: 17 };

describe('exploration progress', () => {
  it('names schedules, classes, rate and depth', () => {
    expect(progressLine(p, 2_000)).toBe('dst explore: 32 schedules, 20 classes, 4 redundant, 16/s, depth 17 (2 s)');
    expect(progressLine({ ...p, classes: 0, redundant: 0 }, 1_000)).toBe('dst explore: 32 schedules, 32/s, depth 17 (1 s)');
  });

  it('off a terminal: nothing in the first 2 s, then a line every 2 s', () => {
    let t = 0;
    const { lines, out } = fakeOut(false);
    const ticker = new ProgressTicker(out, () => t);
    for (let i = 0; i < 16 * 10; i++) {
      t += 100;
      ticker.tick(p);
    }
    // 16 ticks per clock read, 100 ms per tick: reads at 1.6 s, 3.2 s, ..., 16 s.
    expect(lines.length).toBe(5);
    ticker.finish();
    expect(lines.length).toBe(5);
  });

  it('on a terminal: one rewritten line from half a second on, ended by finish', () => {
    let t = 0;
    const { lines, out } = fakeOut(true);
    const ticker = new ProgressTicker(out, () => t);
    for (let i = 0; i < 32; i++) {
      t += 50;
      ticker.tick(p);
    }
    expect(lines[0]).toMatch(/^\r/);
    ticker.finish();
    expect(lines.at(-1)).toBe('\n');
  });

  it('a short exploration off a terminal prints nothing', () => {
    const { lines, out } = fakeOut(false);
    const ticker = new ProgressTicker(out, () => 0);
    for (let i = 0; i < 100; i++) ticker.tick(p);
    ticker.finish();
    expect(lines).toEqual([]);
  });
});
