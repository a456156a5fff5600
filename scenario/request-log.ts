/**
 * The request log: every request the engine sent through the fake Elasticsearch's
 * adapter, with the task that sent it, the fault the fake decided for it and what came
 * back, as typed facts. The request and answer oracles and `explained-errors` read it.
 * Recording it changes nothing in the run and nothing enters the trace.
 */
import type { Sim } from '../sim/index.ts';
import type { ExchangeObserver, ExchangeStart, ExchangeEnd } from '../elasticsearch/transport.ts';

/** One request and its outcome. */
export interface Exchange extends ExchangeStart {
  /** Position in the log. */
  readonly seq: number;
  /** The sending task (a flush task, or a direct caller). */
  readonly task: string;
  readonly step: number;
  readonly time: number;
  /** What came back; null while the request was still in flight at the end of the run. */
  end: (ExchangeEnd & { readonly time: number }) | null;
}

/** Collects the exchanges of one run. */
export class RequestLog implements ExchangeObserver {
  readonly exchanges: Exchange[] = [];

  constructor(private readonly sim: Sim) {}

  /** @internal Called by the transport when a request goes out. */
  begin(x: ExchangeStart): number {
    const seq = this.exchanges.length;
    this.exchanges.push({ ...x, seq, task: this.sim.current?.name ?? 'kernel', step: this.sim.steps, time: this.sim.now, end: null });
    return seq;
  }

  /** @internal Called by the transport when the request's result reaches the sender. */
  finish(seq: number, r: ExchangeEnd): void {
    const x = this.exchanges[seq];
    if (x !== undefined) x.end = { ...r, time: this.sim.now };
  }

  /** The exchanges sent by one task, in order. */
  byTask(task: string): Exchange[] {
    return this.exchanges.filter((x) => x.task === task);
  }
}
