/**
 * The fake Elasticsearch as seen through the simulated network: each request draws a
 * latency and a fault from the decision stream, takes effect in the store when its
 * latency has passed (even if the caller gave up: Elasticsearch does not notice a
 * client cancel), and its response reaches the caller unless the caller's context
 * ended first.
 */
import { GoError, label, ms, onRecv, sec, select, type Context, type Proc, type Sim } from '../sim/index.ts';
import type { HttpRequest, Transport, TransportResult } from '../sim/transport.ts';
import type { FakeElasticsearch } from './fake.ts';
import { applyPlan, type AppliedResult } from './faults/apply.ts';
import type { Choose } from './faults/choose.ts';
import { planRequest } from './faults/plan.ts';
import type { FaultProfile } from './faults/profile.ts';

/** The error a reset connection gives the caller. */
export const ErrConnectionReset = new GoError('read tcp 127.0.0.1:9200: connection reset by peer');

/** The ES client's response header timeout (fleet-server's output config: 90 s). */
const RESPONSE_HEADER_TIMEOUT = sec(90);

/** The error a hung request gives once the response header timeout passes. */
export const ErrResponseHeaderTimeout = new GoError('net/http: timeout awaiting response headers');

/** How often a request with unmet wait_for_checkpoints re-checks the store (virtual time). */
const CHECKPOINT_POLL = ms(50);

/** A {@link Transport} backed by a {@link FakeElasticsearch} inside a simulation. */
export class SimEsTransport implements Transport {
  private readonly choose: Choose;
  /** Requests sent, for reports. */
  requests = 0;

  constructor(
    private readonly sim: Sim,
    /** The store. */
    readonly es: FakeElasticsearch,
    /** The fault profile in force now (a function, so brownouts can vary it with virtual time). */
    private readonly profile: () => FaultProfile,
  ) {
    this.choose = (width, name, weights) => (weights === undefined ? sim.decide(width, label(name, 'fault')) : sim.decideWeighted(weights, label(name, 'fault')));
  }

  *roundTrip(ctx: Context, req: HttpRequest): Proc<TransportResult> {
    if (ctx.err() !== null) return { kind: 'error', error: ctx.err() as GoError };
    this.requests++;
    const plan = planRequest(this.profile(), req, this.choose);
    if (plan.outcome.kind === 'hang') {
      const h = yield* select([onRecv(ctx.done()), onRecv(this.sim.after(RESPONSE_HEADER_TIMEOUT, 'es.header-timeout'))]);
      return { kind: 'error', error: h.index === 0 ? (ctx.err() as GoError) : ErrResponseHeaderTimeout };
    }
    let result: AppliedResult | null = null;
    this.sim.schedule(plan.latencyUs, 'es.apply', () => {
      result = applyPlan(plan, req, this.es, this.choose);
    });
    const arrived = this.sim.after(plan.latencyUs, 'es.response');
    const r = yield* select([onRecv(ctx.done()), onRecv(arrived)]);
    if (r.index === 0) return { kind: 'error', error: ctx.err() as GoError };
    while (this.es.mustWaitForCheckpoints(req)) {
      const w = yield* select([onRecv(ctx.done()), onRecv(this.sim.after(CHECKPOINT_POLL, 'es.checkpoint-poll'))]);
      if (w.index === 0) return { kind: 'error', error: ctx.err() as GoError };
    }
    // Both timers share an instant and the kernel fires every due timer before any task runs.
    return this.deliver(result as AppliedResult | null);
  }

  private deliver(res: AppliedResult | null): TransportResult {
    if (res === null) throw new Error('es transport: response delivered before the request was applied');
    if ('kind' in res) return { kind: 'error', error: ErrConnectionReset };
    return { kind: 'response', status: res.status, body: res.body };
  }
}
