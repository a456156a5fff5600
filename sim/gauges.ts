/**
 * What a read-only observer sees of the kernel when virtual time advances: generic
 * counts of what a Go program keeps alive (parked goroutines, values sitting in channel
 * buffers). Observers take no decisions, arm no timers and spawn nothing (the kernel
 * fails the run if one tries), so observing never changes a trace hash or a decision.
 */
import type { Micros } from './time.ts';

/** The kernel's gauges, read at one instant. */
export interface KernelGauges {
  /** Virtual time now. */
  readonly now: Micros;
  /** Tasks alive and blocked (at a time advance every live task is parked). */
  readonly parkedTasks: number;
  /** Values sitting in channel buffers, over every buffered channel. */
  readonly bufferedValues: number;
}

/** Called by the kernel each time virtual time advances (after the clock moves, before due timers fire). */
export type TimeObserver = (gauges: KernelGauges) => void;
