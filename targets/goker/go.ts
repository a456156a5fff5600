/**
 * Go runtime behaviour the GoKer kernels rely on beyond the kernel's own primitives:
 * their time scale, `math/rand`, and map iteration order. Each nondeterministic choice
 * is a labelled decision, so a kernel run replays from its seed.
 */
import { label, type Micros, type Sim } from '../../sim/index.ts';

/**
 * GoKer times its kernels in nanoseconds (sleeps of 1 to 300 ns that stand for "a
 * moment"), which would round to zero on the kernel's microsecond clock. GoKer targets
 * therefore run on a clock dilated 1000×: one Go nanosecond is one virtual tick (µs).
 * Nothing in a run reads real time, so only the ratios between durations matter.
 */
export const Nanosecond: Micros = 1;
/** One Go millisecond on the dilated clock (see {@link Nanosecond}). */
export const Millisecond: Micros = 1_000_000;
/** One Go second on the dilated clock (see {@link Nanosecond}). */
export const Second: Micros = 1_000_000_000;

/** `math/rand` draws are program input: the workload stream. */
const randLabel = label('go-rand', 'workload');
/** Map iteration order is the Go runtime's choice, like scheduling. */
const mapOrderLabel = label('go-map-order', 'sched');

/** `rand.Intn(n)` (and `rand.Int31n`): a uniform draw in [0, n), one recorded decision. */
export function randIntn(sim: Sim, n: number): number {
  return sim.decide(n, randLabel);
}

/**
 * `for k, v := range m` over a small map: Go starts at a random slot and wraps around, so
 * for a map of one bucket (at most 8 entries, which covers every GoKer kernel) the order
 * is a rotation of the insertion order, chosen by one decision.
 */
export function mapRange<K, V>(sim: Sim, m: ReadonlyMap<K, V>): Array<[K, V]> {
  const entries = [...m.entries()];
  if (entries.length < 2) return entries;
  const start = sim.decide(entries.length, mapOrderLabel);
  return entries.slice(start).concat(entries.slice(0, start));
}
