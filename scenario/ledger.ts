/**
 * The call ledger: every engine call the workload makes, when it started and
 * returned and with what error, plus every write the engine acknowledged. The
 * `one-outcome-per-call` and `durable-acks` properties read it.
 */
import { ErrElastic, ErrElasticVersionConflict, ErrInvalidBody, ErrNoQuotes, ErrTooManyBulkDispatches } from '../engine/index.ts';
import type { Context, GoError, Micros, Proc, Sim } from '../sim/index.ts';
import type { AnswerDigest, CallIntent } from './call-intent.ts';

/** One engine call. */
export interface CallRecord {
  readonly id: number;
  /** Operation, e.g. `ReadRaw`, `Search`, `Update`. */
  readonly op: string;
  /** The calling task. */
  readonly task: string;
  readonly start: Micros;
  end: Micros | null;
  /** Trace positions at start and return: they order calls within one atomic step. */
  readonly startSeq: number;
  endSeq: number | null;
  /** How many times it returned (must be exactly 1 once the run is over). */
  returns: number;
  /** `ok`, or the error's message. */
  result: string | null;
  /** The error returned (the engine's own value, compared by identity or class), or null. */
  error: GoError | null;
  /** The call's context (its `doneAt` tells when it ended), when the workload gave it. */
  readonly ctx: Context | null;
  /** What the call asked for, when the workload said. */
  readonly intent: CallIntent | null;
  /** What a successful call returned, reduced for the oracles. */
  answer: AnswerDigest | null;
}

/** What the workload tells the ledger about a call besides its body. */
export interface CallMeta<T> {
  readonly ctx: Context;
  readonly intent: CallIntent;
  /** Reduces a successful result to what the oracles compare. */
  readonly digest?: (r: T) => AnswerDigest;
}

/** A write attempt whose final state the store must reflect when acknowledged. */
export interface WriteAttempt {
  readonly index: string;
  readonly id: string;
  /** Fields the write sets (for updates, the partial doc). */
  readonly fields: Readonly<Record<string, unknown>>;
  /** Whether the engine acknowledged it as successful. */
  acked: boolean;
  /** Ledger call id. */
  readonly call: number;
  /** Order of completion (acknowledgement order), or -1. */
  ackSeq: number;
  /** False when the call's error proves Elasticsearch did not apply it (validation, version conflict, a rejection); true otherwise. */
  mayHaveLanded: boolean;
}

/** The ledger of one run. */
export class CallLedger {
  readonly calls: CallRecord[] = [];
  readonly writes: WriteAttempt[] = [];
  /** Calls in progress, by task (a task makes one call at a time): what a parked caller holds. */
  readonly open = new Map<string, CallRecord>();
  private ackSeq = 0;

  constructor(
    private readonly sim: Sim,
    private readonly opts: {
      /**
       * Elasticsearch may apply a request and then answer it with a failure the ES client
       * retries (a reset, a proxy's 504): a later attempt's error (a 409 for a create that
       * already landed, any Elasticsearch error) then no longer proves the write did not land.
       */
      readonly landedWritesMayBeRetried?: boolean;
    } = {},
  ) {}

  /**
   * Runs one engine call, recording its start and return. `write`, when given, is the
   * document change the call attempts; it is marked acknowledged when the call returns
   * without error.
   */
  *call<T extends { err: GoError | null }>(op: string, body: Proc<T>, write?: Omit<WriteAttempt, 'acked' | 'call' | 'ackSeq' | 'mayHaveLanded'> | null, meta?: CallMeta<T>): Proc<T> {
    const rec: CallRecord = {
      id: this.calls.length,
      op,
      task: this.sim.current?.name ?? 'kernel',
      start: this.sim.now,
      end: null,
      startSeq: this.sim.trace.length,
      endSeq: null,
      returns: 0,
      result: null,
      error: null,
      ctx: meta?.ctx ?? null,
      intent: meta?.intent ?? null,
      answer: null,
    };
    this.calls.push(rec);
    this.open.set(rec.task, rec);
    const attempt: WriteAttempt | null = write ? { ...write, acked: false, call: rec.id, ackSeq: -1, mayHaveLanded: true } : null;
    if (attempt) this.writes.push(attempt);
    const r = yield* body;
    rec.returns++;
    if (this.open.get(rec.task) === rec) this.open.delete(rec.task);
    rec.end = this.sim.now;
    rec.endSeq = this.sim.trace.length;
    rec.result = r.err === null ? 'ok' : r.err.message;
    rec.error = r.err;
    if (r.err === null && meta?.digest !== undefined) rec.answer = meta.digest(r);
    if (attempt && r.err === null) {
      attempt.acked = true;
      attempt.ackSeq = this.ackSeq++;
    } else if (attempt && r.err !== null) {
      attempt.mayHaveLanded = !definitelyNotApplied(r.err, this.opts.landedWritesMayBeRetried === true);
    }
    return r;
  }
}

/**
 * Errors that prove the write never took effect: it failed validation before it was
 * sent, was refused by dispatch, or Elasticsearch answered for it (a version conflict or
 * another error status; the fake applies nothing it answers with an error) — unless an
 * earlier attempt of a retried request may have landed it. Everything else (a cancelled
 * context, a reset, an unreadable response) may hide a write that landed, possibly more
 * than once: the final value is then any one of them, which `durable-acks` allows.
 */
function definitelyNotApplied(err: GoError, retriedAfterLanding: boolean): boolean {
  if (err === ErrNoQuotes || err === ErrInvalidBody || err === ErrTooManyBulkDispatches) return true;
  return !retriedAfterLanding && (err === ErrElasticVersionConflict || err instanceof ErrElastic);
}
