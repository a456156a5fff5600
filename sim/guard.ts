/**
 * The nondeterminism guard. When this module loads, every host source of real time, real
 * randomness, host scheduling and garbage-collector timing (see {@link TRAPPED}) is
 * replaced, once and for good, by a wrapper that consults one flag: while a guarded
 * section (a run, or a target's setup) is open, a call is a "nondeterminism leak" and
 * fails the run naming the source; otherwise the wrapper calls the original, unchanged.
 * Because the wrappers are installed at load time, a reference taken before a run
 * (`const r = Math.random` in a module) is the wrapper too, and is caught (determinism-ok: the guard names what it traps). ESM named
 * imports of `node:crypto`, `node:timers`, `node:timers/promises`, `node:os` and `node:vm`
 * see the wrappers through `syncBuiltinESMExports`. A Promise reaction (then, await)
 * created inside a guarded section is a job the host runs after the section, outside the
 * simulation: it is counted and reported when the section ends.
 */
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { promiseHooks } from 'node:v8';

/** Called with the name of a trapped source; must throw (the kernel aborts the run). */
export type LeakHandler = (what: string) => never;

/** The handler of the guarded section in progress, or null: the "a run is in progress" flag. */
let handler: LeakHandler | null = null;

const require = createRequire(import.meta.url);
const nodeCrypto = require('node:crypto') as Record<string, unknown>;
const nodeTimers = require('node:timers') as Record<string, unknown>;
const nodeTimersPromises = require('node:timers/promises') as Record<string, unknown>;
const nodeOs = require('node:os') as Record<string, unknown>;
const nodeVm = require('node:vm') as Record<string, unknown>;

type Fn = (...args: unknown[]) => unknown;
type Owner = Record<PropertyKey, unknown>;

const RealDate = Date;
const realPerformanceNow = performance.now.bind(performance); // determinism-ok: the host clock, kept for the CLI's own budgets
const realDateNow = Date.now; // determinism-ok: the host clock, kept for the CLI's own budgets

/** The host's monotonic clock in ms (the original `performance.now`), for budgets kept outside any simulation. (determinism-ok: read only by the CLI, outside any simulation) */
export function hostNow(): number {
  return realPerformanceNow();
}

/** The host's wall clock in ms since the epoch (the original `Date.now`), for the CLI outside any simulation. (determinism-ok: read only by the CLI, outside any simulation) */
export function hostTimeMs(): number {
  return realDateNow();
}

/** Originals by wrapper and wrappers by original, so one function is wrapped once wherever it is reachable. */
const wrapperOf = new Map<unknown, Fn>();

/** The names of every trapped source, in the order they are installed (documentation and tests). */
export const TRAPPED: string[] = [];

/** Every wrapper made. */
const wrappers = new WeakSet<object>();

/** Where each wrapped method lives, so a section can re-wrap one that other code replaced since (a test runner restoring its timers). */
const sites: Array<{ readonly owner: Owner; readonly key: string; readonly what: string }> = [];

function copyOwnProperties(from: Fn, to: Fn): void {
  for (const key of Reflect.ownKeys(from)) {
    if (key === 'prototype' || key === 'caller' || key === 'arguments') continue;
    const d = Object.getOwnPropertyDescriptor(from, key) as PropertyDescriptor;
    Object.defineProperty(to, key, d);
  }
}

/** A wrapper of `original` that traps while a guarded section is open and is `original` otherwise (calls and `new` alike). */
function wrap(original: Fn, what: string, owner: unknown): Fn {
  const known = wrapperOf.get(original);
  if (known !== undefined) return known;
  const w = function (this: unknown, ...args: unknown[]): unknown {
    if (handler !== null) return handler(what);
    if (new.target !== undefined) return Reflect.construct(original, args, new.target);
    return Reflect.apply(original, this === undefined ? owner : this, args);
  } as Fn;
  copyOwnProperties(original, w);
  if (typeof (original as { prototype?: unknown }).prototype === 'object') (w as unknown as { prototype: unknown }).prototype = (original as unknown as { prototype: unknown }).prototype;
  wrapperOf.set(original, w);
  wrappers.add(w);
  if (!TRAPPED.includes(what)) TRAPPED.push(what);
  return w;
}

/** Replaces `owner[key]` by its wrapper (when it is a function). */
function trapMethod(owner: object | undefined, key: string, what: string): void {
  if (owner === undefined || owner === null) return;
  const o = owner as Owner;
  const own = Object.getOwnPropertyDescriptor(owner, key);
  // node:crypto's getRandomValues is a fixed getter that forwards to Web Crypto's (trapped there).
  if (own !== undefined && own.writable !== true && own.configurable !== true) return;
  const original = o[key];
  if (typeof original !== 'function') return;
  const w = wrap(original as Fn, what, owner);
  if (own === undefined || own.writable === true) o[key] = w;
  else Object.defineProperty(owner, key, { value: w, writable: true, configurable: true, enumerable: own.enumerable ?? true });
  sites.push({ owner: o, key, what });
}

/** Wraps again any trapped method that other code has replaced since it was installed; true when one was. */
function rewrapReplaced(): boolean {
  let changed = false;
  for (const { owner, key, what } of sites) {
    const cur = owner[key];
    if (typeof cur !== 'function' || wrappers.has(cur)) continue;
    owner[key] = wrap(cur as Fn, what, owner);
    changed = true;
  }
  return changed;
}

/** Replaces a getter (`performance.timeOrigin`) by one that traps. */
function trapGetter(owner: object, key: string, what: string): void {
  let proto: object | null = owner;
  let d: PropertyDescriptor | undefined;
  while (proto !== null && (d = Object.getOwnPropertyDescriptor(proto, key)) === undefined) proto = Object.getPrototypeOf(proto) as object | null;
  if (d === undefined) return;
  const get = d.get ?? (() => d?.value);
  Object.defineProperty(owner, key, {
    configurable: true,
    enumerable: d.enumerable ?? true,
    get(this: unknown) {
      if (handler !== null) return handler(what);
      return get.call(this);
    },
  });
  TRAPPED.push(what);
}

/** `Date`: `new Date()` and `Date()` read the clock; `new Date(x)` and the static helpers stay. (determinism-ok: the guard that traps this source, not a use of it) */
function trapDate(): void {
  const D = function (this: unknown, ...args: unknown[]): unknown {
    if (args.length === 0 && handler !== null) return handler(new.target === undefined ? 'Date()' : 'new Date()');
    if (new.target === undefined) return (RealDate as unknown as Fn)(...args);
    return Reflect.construct(RealDate, args, new.target);
  } as unknown as DateConstructor;
  copyOwnProperties(RealDate as unknown as Fn, D as unknown as Fn);
  Object.setPrototypeOf(D, Object.getPrototypeOf(RealDate) as object);
  (D as unknown as { prototype: unknown }).prototype = RealDate.prototype;
  Object.defineProperty(RealDate.prototype, 'constructor', { value: D, writable: true, configurable: true, enumerable: false });
  const now = wrap(RealDate.now as Fn, 'Date.now', RealDate); // determinism-ok: the guard that traps this source, not a use of it
  (RealDate as unknown as Owner).now = now;
  (D as unknown as Owner).now = now;
  (globalThis as unknown as { Date: DateConstructor }).Date = D;
  TRAPPED.push('new Date()', 'Date()');
}

function install(): void {
  const g = globalThis as unknown as Owner;
  trapMethod(Math, 'random', 'Math.random'); // determinism-ok: the guard that traps this source, not a use of it
  trapDate();
  // Timers and the host's job queues; node:timers holds the same functions as the globals.
  for (const k of ['setTimeout', 'setInterval', 'setImmediate'] as const) { // determinism-ok: the guard that traps this source, not a use of it
    trapMethod(nodeTimersPromises, k, `node:timers/promises ${k}`);
    trapMethod(g, k, k);
    nodeTimers[k] = g[k];
  }
  trapMethod(g, 'queueMicrotask', 'queueMicrotask'); // determinism-ok: the guard that traps this source, not a use of it
  const scheduler = nodeTimersPromises.scheduler as object | undefined;
  trapMethod(scheduler, 'wait', 'node:timers/promises scheduler.wait');
  trapMethod(scheduler, 'yield', 'node:timers/promises scheduler.yield');
  // performance.* clocks and marks (the instance's own properties shadow Performance.prototype).
  for (const k of ['now', 'mark', 'measure', 'getEntries', 'getEntriesByName', 'getEntriesByType', 'clearMarks', 'clearMeasures', 'eventLoopUtilization', 'timerify', 'toJSON', 'markResourceTiming']) trapMethod(performance, k, `performance.${k}`);
  trapGetter(performance, 'timeOrigin', 'performance.timeOrigin');
  // process clocks, usage and job queue.
  const hrtime = process.hrtime; // determinism-ok: the guard that traps this source, not a use of it
  const bigint = hrtime.bigint;
  trapMethod(process, 'hrtime', 'process.hrtime'); // determinism-ok: the guard that traps this source, not a use of it
  (process.hrtime as unknown as Owner).bigint = wrap(bigint as unknown as Fn, 'process.hrtime.bigint', hrtime); // determinism-ok: the guard that traps this source, not a use of it
  const memoryUsage = process.memoryUsage;
  const rss = memoryUsage.rss;
  trapMethod(process, 'memoryUsage', 'process.memoryUsage');
  (process.memoryUsage as unknown as Owner).rss = wrap(rss as unknown as Fn, 'process.memoryUsage.rss', memoryUsage);
  for (const k of ['uptime', 'cpuUsage', 'resourceUsage', 'nextTick', 'constrainedMemory', 'availableMemory']) trapMethod(process, k, `process.${k}`);
  // Randomness: Web Crypto and node:crypto.
  const webcrypto = g.crypto as object | undefined;
  trapMethod(webcrypto, 'randomUUID', 'crypto.randomUUID');
  trapMethod(webcrypto, 'getRandomValues', 'crypto.getRandomValues');
  trapMethod((webcrypto as { subtle?: object } | undefined)?.subtle, 'generateKey', 'crypto.subtle.generateKey');
  for (const k of ['randomBytes', 'randomFill', 'randomFillSync', 'randomInt', 'randomUUID', 'getRandomValues', 'pseudoRandomBytes', 'prng', 'rng', 'generateKey', 'generateKeySync', 'generateKeyPair', 'generateKeyPairSync', 'generatePrime', 'generatePrimeSync']) trapMethod(nodeCrypto, k, `node:crypto ${k}`);
  // The host's changing state.
  for (const k of ['freemem', 'uptime', 'loadavg', 'cpus']) trapMethod(nodeOs, k, `os.${k}`);
  // New JavaScript realms have their own, untrapped Math.random and Date. (determinism-ok: the guard that traps this source, not a use of it)
  for (const k of ['createContext', 'runInNewContext', 'runInContext', 'compileFunction', 'measureMemory']) trapMethod(nodeVm, k, `vm.${k}`);
  const Script = nodeVm.Script as { prototype: object } | undefined;
  trapMethod(Script?.prototype, 'runInNewContext', 'vm.Script#runInNewContext');
  trapMethod(Script?.prototype, 'runInContext', 'vm.Script#runInContext');
  // Garbage-collector timing.
  trapMethod(g, 'WeakRef', 'new WeakRef');
  trapMethod(g, 'FinalizationRegistry', 'new FinalizationRegistry');
  // A wrapped function's own properties that name another original (setTimeout[promisify.custom]) name its wrapper. (determinism-ok: the guard that traps this source, not a use of it)
  for (const w of wrapperOf.values()) {
    for (const key of Reflect.ownKeys(w)) {
      const d = Object.getOwnPropertyDescriptor(w, key);
      const sub = d !== undefined && 'value' in d ? wrapperOf.get(d.value) : undefined;
      if (sub !== undefined && sub !== w && d?.writable) (w as unknown as Owner)[key] = sub;
    }
  }
  syncBuiltinESMExports();
}

install();

/** A guarded section: while open, every trapped source is a leak. */
export interface GuardSession {
  /**
   * Closes the section (restoring pass-through) and returns a leak found only now: a
   * Promise reaction created inside the section and still pending, or null.
   */
  close(): string | null;
}

/**
 * Opens a guarded section: until {@link GuardSession.close}, a call of any trapped source
 * calls `onLeak` (which throws). `where` names the code running (a task) for the
 * pending-Promise report. Sections do not nest.
 */
export function openGuard(onLeak: LeakHandler, where: () => string | null = () => null): GuardSession {
  if (handler !== null) throw new Error('nondeterminism guard: a guarded section is already open (runs do not nest)');
  if (rewrapReplaced()) syncBuiltinESMExports();
  handler = onLeak;
  let pending = 0;
  let first: string | null = null;
  const stop = promiseHooks.onInit((_promise: Promise<unknown>, parent: Promise<unknown> | undefined) => {
    if (parent === undefined) return; // a promise with no reaction queues no job (Promise.resolve(x), an async function's result)
    if (pending++ === 0) first = where();
  });
  return {
    close() {
      stop();
      handler = null;
      if (pending === 0) return null;
      return `nondeterminism leak: ${pending} Promise job${pending === 1 ? '' : 's'} (then, await) created${first !== null ? ` by ${first}` : ''} still pending when the run ended (the host runs ${pending === 1 ? 'it' : 'them'} after the run, outside the simulation)`;
    },
  };
}

/**
 * Compatibility form of {@link openGuard} for callers that only need the traps: opens a
 * section and returns the function that closes it.
 * @deprecated use {@link openGuard}, which also reports pending Promise jobs.
 */
export function installGuard(onLeak: LeakHandler): () => void {
  const s = openGuard(onLeak);
  return () => {
    s.close();
  };
}
