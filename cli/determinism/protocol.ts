/**
 * Messages between `dst` and its determinism copy (a child process): a case as plain
 * data, and what its run gave.
 */
import type { RunRecord } from '../../harness/divergence.ts';
import type { BudgetOverrides } from '../../harness/resource-budget.ts';
import type { StrategySpec } from '../../harness/strategy-spec.ts';

/** A case as plain data: the target by shipped name or absolute module path, the configuration inline. */
export interface PortableCase {
  readonly target: string;
  readonly config: unknown;
  readonly configRef: string;
  readonly configName: string;
  readonly variant: string;
  readonly strategy: StrategySpec;
  readonly swarm: boolean;
  readonly budget?: BudgetOverrides;
}

/** Run `case` once; with `detail`, keep its trace and send back its decisions and events. */
export interface CopyRequest {
  readonly id: number;
  readonly case: PortableCase;
  readonly detail: boolean;
}

/** What the copy's run gave (or why it could not run). */
export interface CopyAnswer {
  readonly id: number;
  readonly traceHash?: string;
  readonly decisionsHash?: string;
  readonly outcome?: string;
  readonly record?: RunRecord;
  readonly error?: string;
}
