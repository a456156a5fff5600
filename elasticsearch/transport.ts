/**
 * The fake Elasticsearch's adapter to the kernel: the store as seen through a simulated
 * network. Each request draws a latency and a fault from the decision stream, takes effect
 * in the store when its latency has passed (even if the caller gave up: Elasticsearch does
 * not notice a client cancel), and its response reaches the caller unless the caller's
 * context ended first. Its `roundTrip` has the shape of any HTTP client transport (request
 * in, status and body or a transport error out), so a system under test that declares such
 * a transport accepts it without this module knowing that system.
 */
import { ECONNRESET, GoError, label, ms, objectId, onRecv, sec, select, touch, WrappingError, type Context, type Proc, type Sim } from '../sim/index.ts';
import type { FakeElasticsearch } from './fake.ts';
import { applyPlan, type AppliedResult } from './faults/apply.ts';
import type { Choose } from './faults/choose.ts';
import { planRequest } from './faults/plan.ts';
import type { FaultProfile } from './faults/profile.ts';
import type { RequestOutcome } from './faults/plan.ts';
import type { EsRequest } from './types.ts';

/** A request as it went out, with the whole-request fault the fake decided for it. */
export interface ExchangeStart {
  readonly req: EsRequest;
  /** The fault drawn for the request (`ok`: none). */
  readonly fault: RequestOutcome['kind'];
}

/** What reached the sender: a response, or why there was none. */
export type ExchangeEnd =
  | { readonly kind: 'response'; readonly status: number; readonly body: string }
  | { readonly kind: 'error'; readonly cause: 'context' | 'reset' | 'header-timeout' };

/** Records exchanges as typed facts; it never changes a run. */
export interface ExchangeObserver {
  /** A request went out; returns a handle for {@link finish}. */
  begin(x: ExchangeStart): number;
  /** Its result reached the sender. */
  finish(handle: number, r: ExchangeEnd): void;
}

/** What a round trip gives the caller: the fake's response, or the error its HTTP client would return. */
export type RoundTripResult =
  | { readonly kind: 'response'; readonly status: number; readonly body: string }
  | { readonly kind: 'error'; readonly error: GoError };

/** The error a reset connection gives the caller (it wraps `ECONNRESET`, as Go's `*net.OpError` does). */
export const ErrConnectionReset = new WrappingError('read tcp 127.0.0.1:9200: connection reset by peer', ECONNRESET);

/** The ES client's response header timeout (fleet-server's output config: 90 s). */
const RESPONSE_HEADER_TIMEOUT = sec(90);

/** The error a hung request gives once the response header timeout passes. */
export const ErrResponseHeaderTimeout = new GoError('net/http: timeout awaiting response headers');

/** How often a request with unmet wait_for_checkpoints re-checks the store (virtual time). */
const CHECKPOINT_POLL = ms(50);

/** A simulated HTTP transport backed by a {@link FakeElasticsearch} inside a simulation. */
export class SimEsTransport {
  private readonly choose: Choose;
  /** Requests sent, for reports. */
  requests = 0;
  /** The store's object id in the dependency log: requests take effect in kernel events (timers), and a checkpoint wait reads it from the caller. */
  private readonly oid = objectId();

  constructor(
    private readonly sim: Sim,
    /** The store. */
    readonly es: FakeElasticsearch,
    /** The fault profile in force now (a function, so brownouts can vary it with virtual time). */
    private readonly profile: () => FaultProfile,
    /** Records each exchange as a typed fact (optional; records only). */
    private readonly observer?: ExchangeObserver,
  ) {
    this.choose = (width, name, weights) => (weights === undefined ? sim.decide(width, label(name, 'fault')) : sim.decideWeighted(weights, label(name, 'fault')));
  }

  /** Sends one request through the simulated network: latency, then a fault or the store's answer. */
  *roundTrip(ctx: Context, req: EsRequest): Proc<RoundTripResult> {
    if (ctx.err() !== null) return { kind: 'error', error: ctx.err() as GoError };
    this.requests++;
    const plan = planRequest(this.profile(), req, this.choose);
    const seen = this.observer?.begin({ req, fault: plan.outcome.kind }) ?? -1;
    const r = yield* this.exchange(ctx, req, plan);
    if (this.observer !== undefined) {
      const cause = r.kind === 'response' ? null : r.error === ErrConnectionReset ? 'reset' : r.error === ErrResponseHeaderTimeout ? 'header-timeout' : 'context';
      this.observer.finish(seen, cause === null && r.kind === 'response' ? { kind: 'response', status: r.status, body: r.body } : { kind: 'error', cause: cause ?? 'context' });
    }
    return r;
  }

  private *exchange(ctx: Context, req: EsRequest, plan: ReturnType<typeof planRequest>): Proc<RoundTripResult> {
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
    for (;;) {
      touch(this.oid, false);
      if (!this.es.mustWaitForCheckpoints(req)) break;
      const w = yield* select([onRecv(ctx.done()), onRecv(this.sim.after(CHECKPOINT_POLL, 'es.checkpoint-poll'))]);
      if (w.index === 0) return { kind: 'error', error: ctx.err() as GoError };
    }
    // Both timers share an instant and the kernel fires every due timer before any task runs.
    return this.deliver(result as AppliedResult | null);
  }

  private deliver(res: AppliedResult | null): RoundTripResult {
    if (res === null) throw new Error('es transport: response delivered before the request was applied');
    if ('kind' in res) return { kind: 'error', error: ErrConnectionReset };
    return { kind: 'response', status: res.status, body: res.body };
  }
}
