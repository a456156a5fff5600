/**
 * Virtual time. The clock counts integer microseconds from the start of a run;
 * nothing in a run ever reads the host clock.
 */

/** A point or span of virtual time, in integer microseconds. */
export type Micros = number;

/** `n` microseconds. */
export const us = (n: number): Micros => Math.round(n);
/** `n` milliseconds, in microseconds. */
export const ms = (n: number): Micros => Math.round(n * 1_000);
/** `n` seconds, in microseconds. */
export const sec = (n: number): Micros => Math.round(n * 1_000_000);
/** `n` minutes, in microseconds. */
export const minutes = (n: number): Micros => Math.round(n * 60_000_000);

/** Renders a virtual instant as seconds with millisecond precision, e.g. `12.500s`. */
export function formatTime(t: Micros): string {
  return `${(t / 1_000_000).toFixed(3)}s`;
}
