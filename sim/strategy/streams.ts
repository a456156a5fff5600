/**
 * Seeded random streams. Each stream is derived from the run seed and the stream's
 * name, so changing how often one stream is drawn never reshuffles another.
 */
import seedrandom from 'seedrandom';
import type { StreamName } from '../label.ts';

/** A uniform source of doubles in [0, 1). */
export type Uniform = () => number;

/** One independent generator per stream name, derived from `seed`. */
export function stream(seed: number, name: string): Uniform {
  return seedrandom.xor128(`${seed}/${name}`);
}

/** The three streams of a run. */
export interface Streams {
  readonly sched: Uniform;
  readonly workload: Uniform;
  readonly fault: Uniform;
}

/** Derives the run's streams from its seed. */
export function streams(seed: number): Streams {
  return { sched: stream(seed, 'sched'), workload: stream(seed, 'workload'), fault: stream(seed, 'fault') };
}

/** The stream a label draws from. */
export function pick(s: Streams, name: StreamName): Uniform {
  return name === 'sched' ? s.sched : name === 'workload' ? s.workload : s.fault;
}
