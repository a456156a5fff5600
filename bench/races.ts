/**
 * The cost of race detection (`npm run bench`): kernel ping-pong with happens-before
 * tracking on and off at 2, 100 and 10,000 tasks (plain, and with one tracked access per
 * hand-off), and the `incident` scenario's CPU time, wall time and memory on and off (each
 * run in a fresh process, so one run's garbage is not the next one's memory). On
 * a shared machine timings are noisy, so on and off runs alternate and each figure is
 * the best of its runs. Timing and memory here are the bench's own, outside any simulation.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { kernelPingPong } from './kernel-pingpong.ts';

/** Steps per second on and off, and their ratio (off / on: how many times slower with race detection). */
export interface OnOff {
  readonly on: number;
  readonly off: number;
  readonly ratio: number;
}

/** The race-detection figures. */
export interface RaceBench {
  /** Ping-pong steps/s by task count. */
  readonly pingPong: Readonly<Record<number, OnOff>>;
  /** Ping-pong with one tracked access per hand-off, steps/s by task count. */
  readonly pingPongAccesses: Readonly<Record<number, OnOff>>;
  /** incident, each run in a fresh process: CPU seconds, wall seconds, retained heap MB (after GC, result alive), peak RSS MB. */
  readonly incident: { readonly cpuS: OnOff; readonly wallS: OnOff; readonly retainedMB: OnOff; readonly peakRssMB: OnOff };
}

/** Alternates `f(false)` and `f(true)` `reps` times after one warm-up each; the best (smallest) time of each. */
function alternate(reps: number, f: (races: boolean) => void): { on: number; off: number } {
  f(false);
  f(true);
  const best = { on: Infinity, off: Infinity };
  for (let i = 0; i < reps; i++) {
    for (const races of [false, true]) {
      const t0 = performance.now(); // determinism-ok: bench timing
      f(races);
      const ms = performance.now() - t0; // determinism-ok: bench timing
      if (races) best.on = Math.min(best.on, ms);
      else best.off = Math.min(best.off, ms);
    }
  }
  return best;
}

function rates(steps: number, t: { on: number; off: number }): OnOff {
  const on = steps / (t.on / 1000);
  const off = steps / (t.off / 1000);
  return { on: Math.round(on), off: Math.round(off), ratio: round(off / on) };
}

/** Runs the measurements. `steps` per ping-pong run, spread over the pairs. */
export function raceBench(sizes: readonly number[], steps: number): RaceBench {
  const pingPong: Record<number, OnOff> = {};
  const pingPongAccesses: Record<number, OnOff> = {};
  for (const n of sizes) {
    const rounds = Math.max(1, Math.round(steps / 4 / (n / 2)));
    const s = kernelPingPong(n / 2, rounds, 1, { races: false });
    pingPong[n] = rates(s, alternate(5, (races) => void kernelPingPong(n / 2, rounds, 1, { races })));
    pingPongAccesses[n] = rates(s, alternate(5, (races) => void kernelPingPong(n / 2, rounds, 1, { races, accesses: true })));
  }
  return { pingPong, pingPongAccesses, incident: incidentBench() };
}

/** Runs `incident` in fresh processes, races off and on alternately, twice each; the best figure of each. */
function incidentBench(): RaceBench['incident'] {
  const child = fileURLToPath(new URL('./incident-child.ts', import.meta.url));
  const best = { on: { cpuS: Infinity, wallS: Infinity, retainedMB: Infinity, peakRssMB: Infinity }, off: { cpuS: Infinity, wallS: Infinity, retainedMB: Infinity, peakRssMB: Infinity } };
  for (let i = 0; i < 2; i++) {
    for (const races of [false, true]) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', child, races ? 'on' : 'off'], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`incident child failed: ${r.stderr}`);
      const m = JSON.parse(r.stdout.trim().split('\n').pop() as string) as Record<keyof (typeof best)['on'], number>;
      const b = races ? best.on : best.off;
      for (const k of Object.keys(b) as Array<keyof typeof b>) b[k] = Math.min(b[k], m[k]);
    }
  }
  const pair = (k: keyof (typeof best)['on']): OnOff => ({ on: round(best.on[k]), off: round(best.off[k]), ratio: round(best.on[k] / best.off[k]) });
  return { cpuS: pair('cpuS'), wallS: pair('wallS'), retainedMB: pair('retainedMB'), peakRssMB: pair('peakRssMB') };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
