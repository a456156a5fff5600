/**
 * Progress on stderr: without a terminal at most one line every 10 s (done of total,
 * distinct bugs so far, rate, ETA); on a terminal a bar redrawn in place; nothing with
 * `--quiet`. The clock is injected.
 */
import { describe, expect, it } from 'vitest';
import { formatDuration, Progress } from './progress.ts';

function sink(isTTY: boolean) {
  const out = { text: '', isTTY, write: (s: string) => (out.text += s) };
  return out;
}

describe('progress without a terminal', () => {
  it('prints one line at most every 10 s, with runs done of total, bugs so far, rate and ETA', () => {
    let now = 0;
    const out = sink(false);
    const p = new Progress({ label: 'dst run', noun: 'run', total: 1000, out, now: () => now });
    for (let i = 0; i < 100; i++) {
      now += 100; // 10 runs/s
      p.tick(1, Math.floor(i / 40));
    }
    expect(out.text).toBe('dst run: 100 of 1,000 runs, 2 bug signatures so far, 10 runs/s, ETA 1m30s\n');
    for (let i = 0; i < 99; i++) {
      now += 100;
      p.tick(1, 2);
    }
    expect(out.text.split('\n').filter(Boolean)).toHaveLength(1); // 9.9 s since the last line
    now += 100;
    p.tick(1, 3);
    expect(out.text.split('\n').filter(Boolean)).toEqual(['dst run: 100 of 1,000 runs, 2 bug signatures so far, 10 runs/s, ETA 1m30s', 'dst run: 200 of 1,000 runs, 3 bug signatures so far, 10 runs/s, ETA 1m20s']);
    p.finish();
    expect(out.text.endsWith('\n')).toBe(true);
  });

  it('under a budget with no total, says how many ran and when the budget ends', () => {
    let now = 0;
    const out = sink(false);
    const p = new Progress({ label: 'dst run', noun: 'run', total: null, deadline: 60_000, out, now: () => now });
    now = 12_000;
    p.tick(30, 1);
    expect(out.text).toBe('dst run: 30 runs, 1 bug signature so far, 2.5 runs/s, budget ends in 48s\n');
  });

  it('for exploration, the schedule budget is only a bound', () => {
    let now = 0;
    const out = sink(false);
    const p = new Progress({ label: 'dst explore', noun: 'schedule', total: 20_000, totalIsBound: true, out, now: () => now });
    now = 10_000;
    p.tick(5000);
    expect(out.text).toBe('dst explore: 5,000 of at most 20,000 schedules, 500 schedules/s, at most 30s left\n');
  });

  it('--quiet prints nothing', () => {
    let now = 0;
    const out = sink(false);
    const p = new Progress({ label: 'dst run', noun: 'run', total: 10, out, quiet: true, now: () => now });
    for (let i = 0; i < 10; i++) {
      now += 60_000;
      p.tick(1, 1);
    }
    p.finish();
    expect(out.text).toBe('');
  });
});

describe('progress on a terminal', () => {
  it('draws a bar in place after the first second, and erases it at the end', () => {
    let now = 0;
    const out = sink(true);
    const p = new Progress({ label: 'dst run', noun: 'run', total: 40, out, now: () => now });
    now = 500;
    p.tick(1, 0);
    expect(out.text).toBe(''); // quick sweeps never show a bar
    now = 2000;
    p.tick(9, 1);
    expect(out.text).toBe('\r[######..................] 10 of 40 runs, 1 bug signature so far, 5.0 runs/s, ETA 6s\u001b[K');
    p.finish();
    expect(out.text.endsWith('\r\u001b[K')).toBe(true);
  });
});

describe('formatDuration', () => {
  it('reads as seconds, minutes or hours', () => {
    expect([formatDuration(4_400), formatDuration(86_000), formatDuration(7_500_000)]).toEqual(['4s', '1m26s', '2h05m']);
  });
});
