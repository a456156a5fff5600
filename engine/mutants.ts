/**
 * Deliberately broken engines, for proving that every property can fail (a checker
 * that cannot fail is a defect). Each mutant is a set of {@link EngineHooks}; none is
 * reachable from the CLI, scenarios or repro files.
 */
import { GoError, GoPanic, gosched, onSend, recv, select, type Proc } from '../sim/index.ts';
import { markBlock, type Blk, type Resp } from './block.ts';
import type { EngineCore } from './core.ts';
import { NO_HOOKS, type EngineHooks } from './hooks.ts';
import { answer } from './answer.ts';
import type { Queue } from './queue.ts';
import type { BulkItem } from './decode/index.ts';
import type { OpOptions } from './op-options.ts';

/** The mutants. */
export type Mutant =
  /** The caller frees its block twice after a successful response (`double-free`). */
  | 'double-free'
  /** A flush sends each response twice at once; the second finds the channel full (`no-panic`). */
  | 'answer-twice'
  /** A flush sends each response again after the caller took the first: a stale response poisons the block (`one-outcome-per-call`). */
  | 'late-second-answer'
  /** flushBulk acknowledges every item without sending the request (`durable-acks`). */
  | 'ack-without-write'
  /** The caller reads its block's buffer after freeing it (`use-after-free`). */
  | 'read-after-free'
  /** The Run loop never returns after its context ends (`no-stuck-tasks`). */
  | 'run-ignores-cancel'
  /** The engine draws real randomness (`determinism`, through the nondeterminism guard). */
  | 'math-random'
  /** The engine keeps state across runs in a module global, so the same case hashes differently twice (`determinism`). */
  | 'hidden-global'
  /** Run never arms the flush timer: only the thresholds flush (`fault-free-success`). */
  | 'timer-never-armed'
  /** A flush task whose flush failed keeps its `maxPending` slot (`counted-resources`; once all are kept, upstream's Run times out in Acquire: `run-alive`). */
  | 'flush-keeps-slot-on-error'
  /** dispatch ignores the caller's context: a call waits for its answer however long (`call-deadline`). */
  | 'call-outlives-context'
  /** Create/Index/Update/Delete drop the caller's `refresh` (`request-oracle`). */
  | 'drop-refresh'
  /** Create/Index/Update/Delete drop the caller's `retry_on_conflict` (`request-oracle`). */
  | 'drop-retry-on-conflict'
  /** Multi operations return their results in reverse order (`answer-oracle`). */
  | 'multi-results-reversed'
  /** flushBulk fails its queue with an error of its own, sending nothing (`explained-errors`). */
  | 'flush-fails-unsent'
  /** flushBulk returns without sending or answering any block (`answer-oracle`: blocks never answered). */
  | 'flush-forgets-answers';

let hiddenCounter = 0;

/** The error mutant `flush-fails-unsent` fails its queue with. */
const ErrMutantFlush = new GoError('mutant: flush failed without sending');

/** Every mutant's hooks. */
export const MUTANT_HOOKS: Readonly<Record<Mutant, EngineHooks>> = {
  'double-free': { afterCallerFree: (e, h) => e.pool.release(h, 'mutant: caller frees again') },
  'read-after-free': { afterCallerFree: (e, h) => void e.pool.use(h, 'buf') },
  'answer-twice': {
    *afterAnswer(_e, h, resp, site) {
      const again = yield* select([onSend(h.resource.data.ch, resp)], true);
      if (again.index === -1) throw new GoPanic(`Unexpected blocked response channel on ${site}`);
    },
  },
  'late-second-answer': {
    *afterAnswer(e, h, resp) {
      const ch = h.resource.data.ch;
      yield* gosched('mutant: let the caller take the first answer');
      if (ch.length === 0) {
        markBlock(e.pool, h, 'answer', 'answered', 'mutant: second answer');
        yield* select([onSend(ch, resp)], true);
      }
    },
  },
  'ack-without-write': { flushBulkInstead: ackWithoutWrite },
  'run-ignores-cancel': {
    *onRunCancel(e) {
      yield* recv(e.sim.chan<never>(0, 'mutant: forever'));
    },
  },
  'math-random': { onRunStart: (e) => e.sim.note(`mutant: ${Math.random()}`) }, // determinism-ok: mutant proving the guard catches real randomness
  'hidden-global': {
    *afterAnswer(e) {
      e.sim.note(`answer #${hiddenCounter++}`);
    },
  },
  'timer-never-armed': { armFlushTimer: () => false },
  'flush-keeps-slot-on-error': { releaseFlushSlot: (_e, err) => err === null },
  'call-outlives-context': { callerDone: () => null },
  'drop-refresh': { callOptions: (_e, o) => ({ ...o, refresh: false }) },
  'drop-retry-on-conflict': {
    callOptions: (_e, o) => {
      const { retryOnConflict: _dropped, ...rest } = o;
      return rest;
    },
  },
  'multi-results-reversed': { multiResults: (_e, items) => items.slice().reverse() },
  'flush-forgets-answers': {
    // eslint-disable-next-line require-yield
    *flushBulkInstead() {
      return null;
    },
  },
  'flush-fails-unsent': {
    // eslint-disable-next-line require-yield
    *flushBulkInstead() {
      return ErrMutantFlush;
    },
  },
};

/** Every mutant. */
export const MUTANTS = Object.keys(MUTANT_HOOKS) as readonly Mutant[];

/** The hooks of a set of mutants, composed in the order given (each hook point runs every mutant's hook). */
export function mutantHooks(mutants: readonly Mutant[]): EngineHooks {
  if (mutants.length === 0) return NO_HOOKS;
  const hs = mutants.map((m) => MUTANT_HOOKS[m]);
  const all = <K extends keyof EngineHooks>(k: K) => hs.map((h) => h[k]).filter((f): f is NonNullable<EngineHooks[K]> => f !== undefined);
  const instead = all('flushBulkInstead');
  if (instead.length > 1) throw new Error('mutantHooks: two mutants replace flushBulk');
  const frees = all('afterCallerFree');
  const starts = all('onRunStart');
  const cancels = all('onRunCancel');
  const answers = all('afterAnswer');
  const arms = all('armFlushTimer');
  const slots = all('releaseFlushSlot');
  const dones = all('callerDone');
  const optsHooks = all('callOptions');
  const multis = all('multiResults');
  if (dones.length > 1) throw new Error('mutantHooks: two mutants replace the caller-done channel');
  return {
    ...(arms.length > 0 && { armFlushTimer: (e: EngineCore) => arms.every((f) => f(e)) }),
    ...(slots.length > 0 && { releaseFlushSlot: (e: EngineCore, err: GoError | null) => slots.every((f) => f(e, err)) }),
    ...(dones[0] !== undefined && { callerDone: dones[0] }),
    ...(optsHooks.length > 0 && { callOptions: (e: EngineCore, o: OpOptions) => optsHooks.reduce((acc, f) => f(e, acc), o) }),
    ...(multis.length > 0 && { multiResults: (e: EngineCore, items: BulkItem[]) => multis.reduce((acc, f) => f(e, acc), items) }),
    ...(instead[0] !== undefined && { flushBulkInstead: instead[0] }),
    ...(frees.length > 0 && { afterCallerFree: (e: EngineCore, h: Blk) => frees.forEach((f) => f(e, h)) }),
    ...(starts.length > 0 && { onRunStart: (e: EngineCore) => starts.forEach((f) => f(e)) }),
    ...(cancels.length > 0 && {
      *onRunCancel(e: EngineCore): Proc<void> {
        for (const f of cancels) yield* f(e);
      },
    }),
    ...(answers.length > 0 && {
      *afterAnswer(e: EngineCore, h: Blk, resp: Resp, site: string): Proc<void> {
        for (const f of answers) yield* f(e, h, resp, site);
      },
    }),
  };
}

/** Mutant `ack-without-write`: every block is told its item succeeded; nothing is sent. */
function* ackWithoutWrite(e: EngineCore, q: Queue): Proc<GoError | null> {
  for (let n = q.head; n !== null; ) {
    const next = e.pool.read(n, 'next', 'ack-without-write: n.next before send');
    yield* answer(e, n, { err: null, idx: e.pool.read(n, 'idx', 'ack-without-write: n.idx before send'), data: { _id: '', status: 200 } }, 'flushBulk');
    n = next;
  }
  return null;
}
