/**
 * The parts every GoKer target shares: the `buggy`/`fixed` variants, an empty
 * configuration with one named configuration `default`, the run limits, and no
 * kernel-specific properties (detection is by the core properties only). A kernel file
 * spreads {@link kernelTarget} into `defineTarget` and adds its own `build`.
 */
import { z } from 'zod';
import type { RunLimits, VariantInfo } from '../../harness/target.ts';
import { assert } from '../../sim/index.ts';

/** A GoKer variant: the benchmark's code, or the code with the upstream fix. */
export type KernelVariant = 'buggy' | 'fixed';

/** The empty configuration of a GoKer kernel. */
export const kernelConfig = z.strictObject({});

/** What a kernel file states about itself. */
export interface KernelSpec {
  /** GoBench id, `<project>_<id>`, e.g. `cockroach_2448`. */
  readonly id: string;
  /** One line: what the bug is. */
  readonly description: string;
  /** One line: what the fixed variant changes. */
  readonly fix: string;
  /** The upstream pull request or commit. */
  readonly source: string;
  /** GoBench's group (default `blocking`): where the kernel sits in `gobench/goker/`. */
  readonly group?: 'blocking' | 'non-blocking';
  /** Step budget (default 200,000): a kernel that loops past it is reported as not settling. */
  readonly maxSteps?: number;
  /** Virtual end, where the Go test waits or its goroutines run forever. */
  readonly until?: number;
  /** Virtual-time budget. */
  readonly maxTime?: number;
  /**
   * Offer "fire the next timer now" while tasks can run: for kernels whose goroutines spin
   * while they wait for a timer, since Go's clock moves while they spin.
   */
  readonly timeSlip?: boolean;
}

/**
 * Scheduling decisions a runnable task may be passed over in a row (see `FairBound`): far
 * above what any GoKer interleaving needs, and what keeps polling kernels from spinning.
 */
export const FAIR_BOUND = 64;

/** The shared fields of a GoKer target, for `defineTarget({ ...kernelTarget(spec), build })`. */
export function kernelTarget(spec: KernelSpec) {
  const variants: VariantInfo[] = [
    { name: 'buggy', description: 'the GoKer kernel as published', source: `GoBench goker/${spec.group === 'non-blocking' ? 'nonblocking' : 'blocking'} ${spec.id}` },
    { name: 'fixed', description: spec.fix, source: spec.source },
  ];
  const limits: RunLimits = {
    maxSteps: spec.maxSteps ?? 200_000,
    fairnessBound: FAIR_BOUND,
    ...(spec.until !== undefined && { until: spec.until }),
    ...(spec.maxTime !== undefined && { maxTime: spec.maxTime }),
    ...(spec.timeSlip === true && { timeSlip: true }),
  };
  return {
    name: `goker/${spec.id}`,
    description: spec.description,
    variants,
    config: kernelConfig,
    configurations: [{ name: 'default', description: 'the GoKer test as written', config: {} }],
    limits: (): RunLimits => limits,
    properties: [],
  };
}

/** The variant a build was asked for, checked. */
export function variantOf(ctx: { readonly variant: string }): KernelVariant {
  assert(ctx.variant === 'buggy' || ctx.variant === 'fixed', `a GoKer kernel has no variant ${ctx.variant}`);
  return ctx.variant;
}
