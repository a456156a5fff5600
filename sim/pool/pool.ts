/**
 * The tracked pool: Go's `sync.Pool` made deterministic and instrumented; where freed
 * resources wait is its {@link PoolPolicy} (a LIFO stack by default, or `sync.Pool`'s
 * per-P caches and victim cache).
 * It knows every resource it handed out, so it can report resources never returned,
 * freed twice, freed without coming from it, or touched after being freed. What a
 * resource may be between acquire and free, and in which of those states it may end a
 * run without being freed, is declared by the system under test in its {@link PoolType}.
 */
import { assert, fail } from '../assert.ts';
import type { Sim } from '../kernel.ts';
import { FieldLayout, TrackedFields } from '../memory/fields.ts';
import { formatTime } from '../time.ts';
import type { ResourceTransition } from '../trace/trace.ts';
import { ACQUIRED, FREED, Resource, type Handle, type ResourceState } from './resource.ts';
import type { PoolViolation, PoolViolationKind } from './violation.ts';
import { LifoPolicy, type PoolPolicy } from './policy.ts';
import { objectId, touch } from '../dpor/dependency-log.ts';

/** How the payload of a resource is made and reset, and the states it passes through. */
export interface PoolType<T> {
  /** A fresh payload (Go's `New`). */
  make(id: number): T;
  /** Reset before the resource goes back to the pool (Go's `reset`). */
  reset(data: T): void;
  /** The noun reports and traces use, e.g. `block` (default `resource`). */
  readonly noun?: string;
  /** States besides `acquired` and `freed` that {@link TrackedPool.mark} may set. */
  readonly states?: readonly ResourceState[];
  /** States in which a resource may end the run without being freed (default none). */
  readonly exemptAtEnd?: readonly ResourceState[];
  /**
   * The payload fields {@link reset} writes: a free records a tracked write of each (site
   * `free: reset (<note>)`), so a read of one by code that is not ordered before the free
   * is a data race. Default none.
   */
  readonly resetWrites?: readonly (keyof T & string)[];
}

/** Counters of a pool. */
export interface PoolStats {
  acquired: number;
  freed: number;
  /** Acquires that made a new resource (the free list was empty). */
  fresh: number;
  /** Acquires served from the free list. */
  reused: number;
}

/** The pool. */
export class TrackedPool<T> {
  /** Its object id in the dependency log (its free list: every Get and Put touches it). */
  private readonly oid = objectId();
  private readonly all: Resource<T>[] = [];
  private readonly reported = new Set<string>();
  private readonly states: ReadonlySet<ResourceState>;
  private readonly exempt: ReadonlySet<ResourceState>;
  private finished = false;
  /** How payload fields are numbered and named in race reports (made on first use). */
  private layout: FieldLayout | null = null;
  private readonly resetSites = new Map<string, string>();
  /** The noun of reports and traces. */
  readonly noun: string;
  /** Findings so far (leaks are added by {@link finish}). */
  readonly violations: PoolViolation[] = [];
  /** Counters. */
  readonly stats: PoolStats = { acquired: 0, freed: 0, fresh: 0, reused: 0 };

  constructor(
    private readonly sim: Sim,
    private readonly type: PoolType<T>,
    /** Name for reports. */
    readonly name = 'pool',
    /** Where freed resources wait (default: one LIFO stack). */
    readonly policy: PoolPolicy<T> = new LifoPolicy<T>(),
  ) {
    this.noun = type.noun ?? 'resource';
    this.states = new Set([ACQUIRED, ...(type.states ?? [])]);
    this.exempt = new Set(type.exemptAtEnd ?? []);
    for (const s of this.exempt) if (!this.states.has(s)) fail(`pool ${name}: exempt state ${s} is not among its states`);
    if (this.states.has(FREED)) fail(`pool ${name}: ${FREED} is the pool's own state; free with release()`);
  }

  /** Every resource ever made (pooled or not). */
  get resources(): readonly Resource<T>[] {
    return this.all;
  }

  /** Whether a resource may end the run in `state` without being freed. */
  isExempt(state: ResourceState): boolean {
    return this.exempt.has(state);
  }

  /** `Get`: a resource the policy hands out again, or a fresh one. */
  acquire(owner: string, note?: string): Handle<T> {
    let b = this.policy.get();
    if (b === undefined) {
      b = new Resource(this.all.length, this.type.make(this.all.length), true);
      this.all.push(b);
      this.stats.fresh++;
    } else {
      this.stats.reused++;
    }
    assert(b.state === FREED, `pool ${this.name}: ${this.noun} ${b.id} in the free list is ${b.state}`);
    touch(this.oid, true);
    touch(b.oid, true);
    const hb = this.sim.races;
    if (hb !== null) {
      b.fields ??= this.fieldsOf(b);
      if (hb.cur !== null) hb.acquire(hb.cur, b.poolClock, 'pool Get of', `${this.noun} ${b.id}`);
    }
    b.gen++;
    b.owner = owner;
    this.stats.acquired++;
    this.log(b, 'acquire', ACQUIRED, note);
    return { resource: b, gen: b.gen };
  }

  /** A resource that never comes from the pool (Go's slices of values). Never leak-checked. */
  unpooled(owner: string): Handle<T> {
    const b = new Resource(this.all.length, this.type.make(this.all.length), false);
    if (this.sim.races !== null) b.fields = this.fieldsOf(b);
    this.all.push(b);
    b.gen = 1;
    b.owner = owner;
    this.log(b, 'make-unpooled', ACQUIRED);
    return { resource: b, gen: b.gen };
  }

  /** `Put` after `reset`. Reports double frees, stale frees and foreign frees. */
  release(h: Handle<T>, note?: string): void {
    const b = h.resource;
    touch(this.oid, true);
    touch(b.oid, true);
    const n = this.noun;
    if (!b.pooled || this.all[b.id] !== b) {
      this.report('foreign-free', h, `${n} ${b.id}.${h.gen} was freed into ${this.name} but never came from it`);
      return;
    }
    if (h.gen !== b.gen) {
      this.report('double-free', h, `${n} ${b.id}.${h.gen} was freed through a stale handle (now generation ${b.gen}): it had already been freed${b.state === FREED ? '' : ` and re-acquired by ${b.owner}`}`);
      return;
    }
    if (b.state === FREED) {
      this.report('double-free', h, `${n} ${b.id}.${h.gen} was freed twice`);
      return;
    }
    const hb = this.sim.races;
    if (hb !== null && hb.cur !== null && b.fields !== null) {
      const site = this.resetSite(note);
      for (const f of this.type.resetWrites ?? []) b.fields.write(hb, f, site, h.gen);
      b.poolClock = hb.releaseMerge(hb.cur, b.poolClock, 'pool Put of', `${this.noun} ${b.id}`);
    }
    this.type.reset(b.data);
    this.log(b, 'free', FREED, note);
    this.stats.freed++;
    this.policy.put(b);
  }

  /**
   * Records a transition (`event`, e.g. `enqueue`) into a declared `state` without
   * freeing. A stale or freed handle is a use-after-free and changes nothing. `site`
   * names where it happened for checkers (kept in the history, not in the trace text).
   */
  mark(h: Handle<T>, event: string, state: ResourceState, note?: string, site?: string): void {
    if (!this.states.has(state)) fail(`pool ${this.name}: state ${state} is not declared (declared: ${[...this.states].join(', ')})`);
    touch(h.resource.oid, true);
    if (!this.check(h, event)) return;
    this.log(h.resource, event, state, note, site);
  }

  /**
   * Reads the payload through a handle. A stale or freed handle is a use-after-free
   * (reported once per resource, generation and access); the data is still returned, as
   * Go would, so the run continues the way the real program would.
   */
  use(h: Handle<T>, what: string): T {
    touch(h.resource.oid, true);
    this.check(h, what);
    return h.resource.data;
  }

  /**
   * Reads payload field `f` through `h` at `site`: a use-after-free check as {@link use},
   * and a tracked read (a data race when not ordered after the last write to the field).
   * An access through a freed handle is reported as the use-after-free only: in Go it is
   * also a race with the free and the next owner's writes, but one bug, not two.
   */
  read<K extends keyof T & string>(h: Handle<T>, f: K, site: string): T[K] {
    touch(h.resource.oid, false);
    const live = this.check(h, f);
    const hb = this.sim.races;
    if (hb !== null && live) h.resource.fields?.read(hb, f, site, h.gen);
    return h.resource.data[f];
  }

  /** Writes payload field `f` through `h` at `site`: a use-after-free check and a tracked write (as {@link read}, a freed handle's write is the use-after-free only). */
  write<K extends keyof T & string>(h: Handle<T>, f: K, v: T[K], site: string): void {
    touch(h.resource.oid, true);
    const live = this.check(h, f);
    const hb = this.sim.races;
    if (hb !== null && live) h.resource.fields?.write(hb, f, site, h.gen);
    h.resource.data[f] = v;
  }

  /** True when `h` is the resource's current, live generation. */
  isLive(h: Handle<T>): boolean {
    return h.gen === h.resource.gen && h.resource.state !== FREED;
  }

  /** End of run: every pooled resource neither freed nor in an exempt state is a leak. Idempotent. */
  finish(): readonly PoolViolation[] {
    if (this.finished) return this.violations;
    this.finished = true;
    for (const b of this.all) {
      if (!b.pooled || b.state === FREED || this.exempt.has(b.state)) continue;
      const first = b.history.findLast((e) => e.event === 'acquire');
      const last = b.history[b.history.length - 1];
      this.report(
        'leak',
        { resource: b, gen: b.gen },
        `${this.noun} ${b.id}.${b.gen} (acquired by ${b.owner}${first ? ` at ${formatTime(first.time)}` : ''}) was never freed: last ${last ? `${last.event} by ${last.task}${last.note ? ` (${last.note})` : ''}` : 'seen nowhere'}, state ${b.state}`,
      );
    }
    return this.violations;
  }

  /** `free: reset (<note>)`, built once per note. */
  private resetSite(note: string | undefined): string {
    const k = note ?? '';
    let s = this.resetSites.get(k);
    if (s === undefined) {
      s = `free: reset${note === undefined ? '' : ` (${note})`}`;
      this.resetSites.set(k, s);
    }
    return s;
  }

  private fieldsOf(b: Resource<T>): TrackedFields {
    this.layout ??= new FieldLayout(this.noun);
    return new TrackedFields(this.layout, b.id);
  }

  private check(h: Handle<T>, what: string): boolean {
    const b = h.resource;
    if (h.gen === b.gen && b.state !== FREED) return true;
    const why = h.gen !== b.gen ? `it was freed and is now generation ${b.gen}, owned by ${b.owner}` : 'it is in the pool';
    this.report('use-after-free', h, `${this.noun} ${b.id}.${h.gen} was touched (${what}) after it was freed: ${why}`, `${b.id}/${h.gen}/${what}`, what);
    return false;
  }

  private report(kind: PoolViolationKind, h: Handle<T>, message: string, dedupe?: string, access?: string): void {
    if (dedupe !== undefined) {
      if (this.reported.has(dedupe)) return;
      this.reported.add(dedupe);
    }
    const b = h.resource;
    const cur = this.sim.current;
    this.violations.push({
      kind,
      pool: this.name,
      resourceId: b.id,
      gen: h.gen,
      state: b.state,
      ...(access !== undefined && { access }),
      message,
      history: b.history.slice(),
      step: this.sim.steps,
      time: this.sim.now,
      task: cur?.name ?? 'kernel',
    });
  }

  private log(b: Resource<T>, event: string, state: ResourceState, note?: string, site?: string): void {
    b.state = state;
    const task = this.sim.current?.name ?? 'kernel';
    const e = { step: this.sim.steps, time: this.sim.now, task, event, state, decision: this.sim.decisions.length, gen: b.gen, seq: this.sim.trace.length, ...(note !== undefined && { note }), ...(site !== undefined && { site }) };
    b.history.push(e);
    const a: ResourceTransition = note === undefined ? { pool: this.name, id: b.id, gen: b.gen, event, state } : { pool: this.name, id: b.id, gen: b.gen, event, state, note };
    this.sim.annotate(`${this.noun} ${b.id}.${b.gen} ${event}${note ? ` (${note})` : ''}`, b.id, a);
  }
}
