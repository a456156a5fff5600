/**
 * The kernel's public surface.
 */
export { assert, KernelAssertionError } from './assert.ts';
export { Chan } from './channel.ts';
export { background, Context, withCancel, withDeadline, withTimeout, type CancelFunc } from './context.ts';
export { Canceled, DeadlineExceeded, GoError, GoPanic } from './errors.ts';
export type { Effect, Proc, SelectCase } from './effects.ts';
export { Sim, type RunResult, type SimOptions, type Timer } from './kernel.ts';
export { label, Labels, type Label, type StreamName } from './label.ts';
export { closeChan, gosched, onRecv, onSend, recv, recvOk, select, send, sleep, type Selected } from './ops.ts';
export type { BlockedTask, Outcome, OutcomeKind } from './outcome.ts';
export type { TaskInfo } from './task.ts';
export { ACQUIRED, FREED, Resource, type Handle, type ResourceEvent, type ResourceState } from './pool/resource.ts';
export { TrackedPool, type PoolStats, type PoolType } from './pool/pool.ts';
export { PreRun } from './prerun.ts';
export type { PoolViolation, PoolViolationKind } from './pool/violation.ts';
export { DecisionLog, type Decision } from './strategy/decision-log.ts';
export { explore, type ExploreOptions, type ExploreResult } from './strategy/dfs.ts';
export { ListChooser } from './strategy/list.ts';
export { Pct, type PctOptions } from './strategy/pct.ts';
export { RandomWalk } from './strategy/random.ts';
export { Replay, ReplayDivergence } from './strategy/replay.ts';
export type { RunnableView, Strategy } from './strategy/strategy.ts';
export { AtomicInt } from './sync/atomic.ts';
export { Mutex } from './sync/mutex.ts';
export { Weighted, type SemHolding } from './sync/semaphore.ts';
export { WaitGroup } from './sync/waitgroup.ts';
export { formatTime, minutes, ms, sec, us, type Micros } from './time.ts';
export { Trace, type ResourceTransition, type TraceEvent } from './trace/trace.ts';
export { simulate } from './simulate.ts';
