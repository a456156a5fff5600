/**
 * The nondeterminism guard: while a run is in progress, the host's sources of real
 * time, real randomness and event-loop scheduling are replaced by traps. A call fails
 * the run as a "nondeterminism leak" naming the call.
 */

type Restore = () => void;

interface Patch {
  readonly owner: Record<string, unknown>;
  readonly key: string;
  readonly what: string;
}

function patches(): Patch[] {
  const g = globalThis as unknown as Record<string, unknown>;
  const list: Patch[] = [
    { owner: Math as unknown as Record<string, unknown>, key: 'random', what: 'Math.random' }, // determinism-ok: names a source the guard traps
    { owner: Date as unknown as Record<string, unknown>, key: 'now', what: 'Date.now' }, // determinism-ok: names a source the guard traps
    { owner: g, key: 'setTimeout', what: 'setTimeout' }, // determinism-ok: names a source the guard traps
    { owner: g, key: 'setInterval', what: 'setInterval' }, // determinism-ok: names a source the guard traps
    { owner: g, key: 'setImmediate', what: 'setImmediate' }, // determinism-ok: names a source the guard traps
    { owner: g, key: 'queueMicrotask', what: 'queueMicrotask' }, // determinism-ok: names a source the guard traps
  ];
  if (typeof g.performance === 'object' && g.performance !== null) {
    list.push({ owner: g.performance as Record<string, unknown>, key: 'now', what: 'performance.now' }); // determinism-ok: names a source the guard traps
  }
  if (typeof process !== 'undefined') {
    list.push({ owner: process as unknown as Record<string, unknown>, key: 'nextTick', what: 'process.nextTick' });
    list.push({ owner: process as unknown as Record<string, unknown>, key: 'hrtime', what: 'process.hrtime' }); // determinism-ok: names a source the guard traps
  }
  return list;
}

/**
 * Installs the traps. `onLeak` is called with the name of the trapped call and must
 * throw (the kernel aborts the run). Returns a function that restores the originals.
 * `new Date()` without arguments is trapped too, by swapping the global `Date`.
 */
export function installGuard(onLeak: (what: string) => never): Restore {
  const saved: Array<{ p: Patch; original: unknown }> = [];
  for (const p of patches()) {
    const original = p.owner[p.key];
    saved.push({ p, original });
    p.owner[p.key] = function trapped(): never {
      return onLeak(p.what);
    };
  }
  const g = globalThis as unknown as { Date: DateConstructor };
  const RealDate = g.Date;
  const Trapped = function (this: unknown, ...args: unknown[]): unknown {
    if (args.length === 0) return onLeak('new Date()');
    return new (RealDate as unknown as new (...a: unknown[]) => Date)(...args);
  } as unknown as DateConstructor;
  Object.setPrototypeOf(Trapped, RealDate);
  (Trapped as unknown as { prototype: unknown }).prototype = RealDate.prototype;
  g.Date = Trapped;
  return () => {
    g.Date = RealDate;
    for (const { p, original } of saved) p.owner[p.key] = original;
  };
}
