/**
 * Retained memory over virtual time: a read-only observer the kernel calls when virtual
 * time advances samples the target's {@link Target.retained} and the kernel's gauges
 * (parked tasks, buffered values), and keeps their peaks and final values. Sampling never
 * decides anything, so it changes no trace hash and no decision.
 *
 * Samples are spaced in virtual time (1/512 of the run's horizon to start, doubling after
 * every 512 samples), so a long run costs a bounded number of measurements; a peak that
 * lives shorter than the spacing may be missed. The last sample is taken at the end.
 */
import type { KernelGauges, Micros, TimeObserver } from '../sim/index.ts';
import type { Retained } from './target.ts';

/** Peak and final retention of one run. */
export interface RetentionSummary {
  /** What the target's objects are called (`block`), or `object`. */
  readonly noun: string;
  /** Objects the system kept reachable, and their bytes: highest sample and at the end. */
  readonly peakRetained: number;
  readonly peakRetainedBytes: number;
  readonly finalRetained: number;
  readonly finalRetainedBytes: number;
  /** Parked (blocked, live) tasks: highest sample and at the end. */
  readonly peakParkedTasks: number;
  readonly finalParkedTasks: number;
  /** Values in channel buffers: highest sample. */
  readonly peakBufferedValues: number;
  /** Samples taken. */
  readonly samples: number;
}

const NONE: Retained = { objects: 0, bytes: 0 };
const SAMPLES_PER_DOUBLING = 512;

/** Samples one run. Give {@link observer} to the kernel, then call {@link finish} with its gauges. */
export class RetentionSampler {
  private next = 0;
  private interval: Micros;
  private samples = 0;
  private peak = { objects: 0, bytes: 0, parked: 0, buffered: 0 };

  constructor(
    private readonly measure: (() => Retained) | null,
    private readonly noun: string,
    /** The run's clean end (virtual µs), if known: sets the first spacing. */
    horizon: Micros | undefined,
  ) {
    this.interval = horizon !== undefined && Number.isFinite(horizon) ? Math.max(1, Math.floor(horizon / SAMPLES_PER_DOUBLING)) : 1000;
  }

  /** The observer to give the kernel. */
  readonly observer: TimeObserver = (g) => {
    if (g.now < this.next) return;
    this.next = g.now + this.interval;
    this.sample(g);
    if (this.samples % SAMPLES_PER_DOUBLING === 0) this.interval *= 2;
  };

  /** Takes the final sample and returns the summary. */
  finish(g: KernelGauges): RetentionSummary {
    const last = this.sample(g);
    return {
      noun: this.noun,
      peakRetained: this.peak.objects,
      peakRetainedBytes: this.peak.bytes,
      finalRetained: last.objects,
      finalRetainedBytes: last.bytes,
      peakParkedTasks: this.peak.parked,
      finalParkedTasks: g.parkedTasks,
      peakBufferedValues: this.peak.buffered,
      samples: this.samples,
    };
  }

  private sample(g: KernelGauges): Retained {
    this.samples++;
    const r = this.measure?.() ?? NONE;
    const p = this.peak;
    if (r.objects > p.objects) p.objects = r.objects;
    if (r.bytes > p.bytes) p.bytes = r.bytes;
    const parked = g.parkedTasks;
    if (parked > p.parked) p.parked = parked;
    const buffered = g.bufferedValues;
    if (buffered > p.buffered) p.buffered = buffered;
    return r;
  }
}
