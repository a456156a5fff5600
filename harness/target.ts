/**
 * The boundary between the framework and a system under test. A target module plugs a
 * Go-style component into every part of `dst` (run, replay, explore, shrink, repro
 * files, timelines, the vitest helper) by default-exporting a {@link Target}, usually
 * built with {@link defineTarget}. The framework never names a target; a target never
 * sees the harness, only the kernel it is given.
 */
import type { z } from 'zod';
import type { RunResult, Sim } from '../sim/index.ts';
import type { Severity } from '../properties/severity.ts';
import type { Violation } from '../properties/violation.ts';

/** One variant of the system under test (a version, a fix, a proposal). */
export interface VariantInfo {
  /** Name as given to `--variant` (lower case, digits, `.`, `_` and `-`). */
  readonly name: string;
  /** One line for `dst list`. */
  readonly description: string;
  /** Where the variant comes from, e.g. an upstream commit; shown by `dst list`. */
  readonly source?: string;
  /** Other names that select this variant (kept so old repro files replay). */
  readonly aliases?: readonly string[];
}

/** A named configuration of a target (for the bulk engine: a shipped scenario). */
export interface NamedConfiguration<C> {
  /** Name as given to `--scenario`. */
  readonly name: string;
  /** One line for `dst list`. */
  readonly description: string;
  /** The configuration; it must satisfy the target's schema. */
  readonly config: C;
}

/** What a run of a case may do: the kernel's budgets and switches for one configuration. */
export interface RunLimits {
  /** The clean end of the run (virtual µs): live non-daemon tasks then are stuck. Default: none. */
  readonly until?: number;
  /** Step budget (default 10,000,000). */
  readonly maxSteps?: number;
  /** Virtual-time budget in µs (default 24 h). */
  readonly maxTime?: number;
  /** Offer "fire the next timer now" as a decision. */
  readonly timeSlip?: boolean;
  /**
   * A fairness bound: a runnable task passed over for this many scheduling decisions in a
   * row runs next (Go's runtime preempts and its run queues are FIFO, so spinning
   * goroutines cannot starve others forever). For programs that poll; restricts schedules.
   */
  readonly fairnessBound?: number;
  /** Heap budget of one run in MB (the configuration's own; `--max-heap-mb` overrides it). */
  readonly maxHeapMb?: number;
  /** Wall-clock budget of one run in ms (the configuration's own; `--max-wall` overrides it). */
  readonly maxWallMs?: number;
}

/** The host resources one run may use: the harness's budgets (from flags, the configuration, or defaults). */
export interface ResourceBudget {
  /** Heap the run may reach, in MB. */
  readonly maxHeapMb: number;
  /** Wall-clock time the run may take, in ms. */
  readonly maxWallMs: number;
}

/**
 * Decisions a target may take before the run starts (swarm switches): recorded in the
 * run's decision list like every other decision, so a swarm case replays exactly.
 */
export interface ConfigDraw {
  /** A uniform decision in [0, width) on the workload stream, labelled `name`. */
  decide(width: number, name: string): number;
}

/** What `build` is told besides the configuration. */
export interface BuildContext {
  /** The variant to build (its canonical name, aliases resolved). */
  readonly variant: string;
  /**
   * A test-only seam: the deliberate bugs a checker test injects (see the target's own
   * documentation). Never set by the CLI, scenarios or repro files.
   */
  readonly inject?: unknown;
}

/** A finished run as properties see it. */
export interface FinishedRun<C, W> {
  /** The configuration as run (after swarm switches). */
  readonly config: C;
  readonly variant: string;
  /** What `build` returned. */
  readonly world: W;
  /** The kernel's result: outcome, live tasks, trace, decisions. */
  readonly result: RunResult;
}

/** One property a target checks after every run. */
export interface TargetProperty<C, W> {
  /** Name (a contract once published: repro files and CI refer to it). */
  readonly name: string;
  /** One line for `dst list`: when it fails. */
  readonly description: string;
  /** Severity class; reports lead with the most severe. */
  readonly severity: Severity;
  /** The violations of one finished run (pure: reads the run, changes nothing). */
  check(run: FinishedRun<C, W>): Violation[];
}

/**
 * What the system keeps reachable at one instant, as a Go GC would see it: objects a
 * parked goroutine, a queue or a channel buffer still references (not garbage, not in a
 * pool), and the bytes they hold (a pooled buffer counts its capacity, not its length).
 */
export interface Retained {
  readonly objects: number;
  readonly bytes: number;
}

/**
 * A system under test, generic over its configuration `C` and the world `W` its
 * `build` returns.
 */
export interface Target<C = unknown, W = unknown> {
  /** Name as given to `--target` and written into repro files. */
  readonly name: string;
  /** One line for `dst list`. */
  readonly description: string;
  /** Its variants; the first is the default. */
  readonly variants: readonly VariantInfo[];
  /** The schema of a configuration (validates files given with `--scenario path.json` and inline repro scenarios). */
  readonly config: z.ZodType<C>;
  /** Its named configurations, in listing order. */
  readonly configurations: readonly NamedConfiguration<C>[];
  /** The configurations `dst run` runs when none is named (default: all). */
  readonly defaultConfigurations?: readonly string[];
  /** The configuration `dst explore` explores when none is named (default: the first); pick one small enough to exhaust. */
  readonly exploreConfiguration?: string;
  /** The name a configuration reports under (default: the name it was selected by). */
  nameOf?(config: C): string;
  /** The kernel's budgets and switches for a configuration. */
  limits(config: C): RunLimits;
  /**
   * Smaller configurations to try when shrinking a failing case, most promising first
   * (fewer callers, a shorter run, a fault rate set to zero...): each must satisfy the
   * schema, and the shrinker keeps one only if the same bug still shows in fewer steps.
   */
  shrinkConfig?(config: C): C[];
  /**
   * Why a configuration cannot run within `budget` (one line naming the fields to change),
   * or null. Called before any run, from the configuration alone; an answer is bad input
   * (exit 2). Refuse only what clearly cannot fit: the run's own heap and wall budgets stop
   * the rest with outcome `resource-budget`.
   */
  checkResources?(config: C, budget: ResourceBudget): string | null;
  /** Swarm mode: switch parts of the configuration on or off, through recorded decisions. */
  swarm?(config: C, draw: ConfigDraw): C;
  /** Spawns the system and its workload on a fresh kernel and returns the world. */
  build(sim: Sim, config: C, ctx: BuildContext): W;
  /** The target's own properties, checked after every run (the core properties are added by the framework). */
  readonly properties: readonly TargetProperty<C, W>[];
  /**
   * What the system retains right now (read-only: it must not change the world). Called
   * while virtual time advances, when every live task is parked; reports show its peak
   * and final values beside the kernel's parked tasks and buffered values.
   */
  retained?(world: W): Retained;
  /** The noun of {@link retained}'s objects in reports (default `object`), e.g. `block`. */
  readonly retainedNoun?: string;
  /** Counters for reports (e.g. calls, blocks acquired); plain numbers only. */
  stats?(run: FinishedRun<C, W>): Readonly<Record<string, number>>;
}

/** A target with its types erased, as the framework holds it. */
export type AnyTarget = Target<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Declares a target, checking its shape at once so a mistake fails when the module is
 * loaded, not in the middle of a run.
 * @example
 * export default defineTarget({ name: 'worker-pool', variants: [...], config: z.strictObject({...}), ... });
 */
export function defineTarget<C, W>(t: Target<C, W>): Target<C, W> {
  const problem = targetProblem(t);
  if (problem !== null) throw new TypeError(`defineTarget: ${problem}`);
  return Object.freeze(t);
}

const NAME = /^[a-z0-9][a-z0-9._/-]{0,80}$/;

/** Why a value is not a usable target, or null when it is. */
export function targetProblem(t: unknown): string | null {
  if (typeof t !== 'object' || t === null) return 'the default export is not an object';
  const o = t as Record<string, unknown>;
  if (typeof o.name !== 'string' || !NAME.test(o.name)) return `name must match ${NAME} (got ${JSON.stringify(o.name)})`;
  if (typeof o.description !== 'string') return `${o.name}: description must be a string`;
  if (!Array.isArray(o.variants) || o.variants.length === 0) return `${o.name}: variants must be a non-empty array`;
  const seen = new Set<string>();
  for (const v of o.variants as unknown[]) {
    const vi = v as Partial<VariantInfo> | null;
    if (typeof vi?.name !== 'string' || !NAME.test(vi.name)) return `${o.name}: a variant name must match ${NAME}`;
    for (const n of [vi.name, ...(vi.aliases ?? [])]) {
      if (seen.has(n)) return `${o.name}: variant name ${n} is used twice`;
      seen.add(n);
    }
  }
  const schema = o.config as { safeParse?: unknown } | undefined;
  if (typeof schema?.safeParse !== 'function') return `${o.name}: config must be a zod schema`;
  if (!Array.isArray(o.configurations)) return `${o.name}: configurations must be an array`;
  const names = new Set<string>();
  for (const c of o.configurations as Array<Partial<NamedConfiguration<unknown>>>) {
    if (typeof c?.name !== 'string' || !NAME.test(c.name)) return `${o.name}: a configuration name must match ${NAME}`;
    if (names.has(c.name)) return `${o.name}: configuration ${c.name} is listed twice`;
    names.add(c.name);
  }
  for (const d of (o.defaultConfigurations as string[] | undefined) ?? []) if (!names.has(d)) return `${o.name}: default configuration ${d} is not among its configurations`;
  if (o.exploreConfiguration !== undefined && !names.has(o.exploreConfiguration as string)) return `${o.name}: exploreConfiguration ${String(o.exploreConfiguration)} is not among its configurations`;
  if (typeof o.limits !== 'function') return `${o.name}: limits must be a function`;
  if (typeof o.build !== 'function') return `${o.name}: build must be a function`;
  if (o.checkResources !== undefined && typeof o.checkResources !== 'function') return `${o.name}: checkResources must be a function`;
  if (!Array.isArray(o.properties)) return `${o.name}: properties must be an array`;
  for (const p of o.properties as Array<Partial<TargetProperty<unknown, unknown>>>) {
    if (typeof p?.name !== 'string' || !NAME.test(p.name)) return `${o.name}: a property name must match ${NAME}`;
    if (typeof p.check !== 'function') return `${o.name}: property ${p.name} has no check function`;
  }
  return null;
}
