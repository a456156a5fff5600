/**
 * `dst`'s public library API: the kernel's Go primitives a target's code is written
 * with, and {@link defineTarget} with the types a target implements. Everything else in
 * the repository is internal.
 *
 * @example
 * import { defineTarget, recv, send, z } from 'dst';
 * export default defineTarget({ name: 'my-component', ... });
 */

// Defining a target.
export {
  defineTarget,
  type BuildContext,
  type ConfigDraw,
  type FinishedRun,
  type NamedConfiguration,
  type RunLimits,
  type Target,
  type TargetProperty,
  type VariantInfo,
} from '../harness/target.ts';
export type { Evidence, Violation } from '../properties/violation.ts';
export { SEVERITIES, SEVERITY_COST, type Severity } from '../properties/severity.ts';
export { z } from 'zod';

// The kernel, as task code sees it.
export type { Sim, RunResult, Timer } from '../sim/kernel.ts';
export type { Chan } from '../sim/channel.ts';
export type { Proc, SelectCase } from '../sim/effects.ts';
export type { TaskInfo } from '../sim/task.ts';
export type { BlockedTask, Outcome, OutcomeKind } from '../sim/outcome.ts';
export { closeChan, gosched, onRecv, onSend, recv, recvOk, select, send, sleep, type Selected } from '../sim/ops.ts';
export { background, Context, withCancel, withDeadline, withTimeout, type CancelFunc } from '../sim/context.ts';
export { Canceled, DeadlineExceeded, GoError, GoPanic } from '../sim/errors.ts';
export { label, type Label, type StreamName } from '../sim/label.ts';
export { formatTime, minutes, ms, sec, us, type Micros } from '../sim/time.ts';
export { AtomicInt } from '../sim/sync/atomic.ts';
export { Mutex } from '../sim/sync/mutex.ts';
export { Weighted } from '../sim/sync/semaphore.ts';
export { WaitGroup } from '../sim/sync/waitgroup.ts';
export { Shared } from '../sim/memory/shared.ts';
export { GoMap } from '../sim/memory/go-map.ts';
export type { DataRace, RaceSide } from '../sim/race/report.ts';
export { TrackedPool, type PoolStats, type PoolType } from '../sim/pool/pool.ts';
export type { Handle, Resource, ResourceEvent, ResourceState } from '../sim/pool/resource.ts';
export type { PoolViolation, PoolViolationKind } from '../sim/pool/violation.ts';
