/**
 * Remote-output child bulkers: `CreateAndGetBulker` and its helpers (`engine.go` at
 * dc8e230: `hasChangedAndUpdateRemoteOutputConfig` l.321–333, `RemoteOutputConfigChanged`
 * l.310–318, `CreateAndGetBulker` l.214–260, `updateBulkerMap` l.202–208, the cancel loop
 * of `Run`'s exit l.553–560). Called per request (`policy.Output.Prepare` for a remote
 * Elasticsearch output), it works in separate lock sections of `remoteOutputMutex`, each
 * lock and unlock a scheduling point, in upstream's order:
 *
 * 1. RLock: was the config seen before, and is it different? (RUnlock)
 * 2. Lock: store a copy of the new config, changed or not. (Unlock)
 * 3. RLock: read the current child. (RUnlock)
 * 4. No change and a child: return it. A change: cancel the old child (it stays in the map).
 * 5. Build the remote ES client; on failure cancel the new context and return the error —
 *    the map keeps the cancelled child and the config map the new config, so every later
 *    call finds "no change" and hands out the cancelled child.
 * 6. `NewBulker` with engine defaults; Lock: store it (the last store wins, so concurrent
 *    first uses orphan all but one child, each Run on a Background context nobody cancels).
 * 7. Start Run in a goroutine that sends its result on an UNBUFFERED `errCh`, watched by a
 *    goroutine that returns as soon as the child's context is done: after a cancel the
 *    watcher is usually gone first, so the Run goroutine blocks on the send forever,
 *    holding the child bulker and whatever sits in its channel buffer.
 *
 * `bulkerMap` and `remoteOutputConfigMap` are race-tracked Go maps (each access names its
 * upstream site), so a map access outside `remoteOutputMutex` would be a reported data race
 * (or Go's fatal concurrent map write); upstream has none, its bugs are atomicity bugs.
 *
 * `hardened` closes each with one switch: `childCreateSerialized` (one call at a time),
 * `childForgetFailed` (a failed re-creation removes the cancelled child from the map),
 * `childErrChBuffered` (`errCh` has room for Run's result), `childRefusedAfterRunExit`
 * (no child is started once the parent's Run has exited and cancelled the others).
 */
import { background, GoError, GoMap, Mutex, onRecv, RWMutex, select, send, Shared, withCancel, type CancelFunc, type Context, type Proc, type Sim } from '../sim/index.ts';
import { ErrBulkerClosed } from './errors.ts';
import type { Transport } from './transport.ts';
import type { Bulker } from './bulker.ts';
import { fail, ok, type Result } from './op-options.ts';
import type { VariantFlags } from './variants.ts';

/** One output's configuration (`outputMap[name]`: type, hosts, service_token, ...). */
export type RemoteOutputConfig = Readonly<Record<string, unknown>>;

/** Builds a remote output's ES client (`createRemoteEsClient`); a GoError fails the creation. */
export type RemoteTransportFactory = (outputName: string, cfg: RemoteOutputConfig | undefined) => Transport | GoError;

/** Makes a child Bulker (same variant, engine defaults) on the given transport. */
export type ChildFactory = (transport: Transport, name: string) => Bulker;

/** A child and its lifecycle. */
export interface ChildEntry {
  readonly bulker: Bulker;
  /** `newBulker.cancelFn`. */
  readonly cancel: CancelFunc;
  /** The child's own Background-derived context. */
  readonly ctx: Context;
  /** Set when the child's Run returns. */
  runErr?: GoError | null;
  /** Virtual time at which the child's Run returned. */
  exitedAt?: number;
  /** Trace position at which the child's context was first cancelled. */
  cancelledSeq?: number;
  /** Set when the Run goroutine has handed its result to the watcher (it never does when the watcher left first on an unbuffered errCh). */
  reported?: boolean;
}

/** What `CreateAndGetBulker` returns. */
export interface Got {
  readonly bulker: Bulker;
  /** `hasConfigChanged`. */
  readonly changed: boolean;
}

/** `reflect.DeepEqual` of two config maps as fleet-server holds them (a nil map is not an empty one). */
function deepEqual(a: RemoteOutputConfig | undefined, b: RemoteOutputConfig | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}

function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]));
}

/** The parent's `bulkerMap`, `remoteOutputConfigMap` and `remoteOutputMutex`. */
export class ChildBulkers {
  /** `b.bulkerMap`: a Go map, so an access outside `remoteOutputMutex` is a data race. */
  private readonly map: GoMap<string, ChildEntry>;
  /** `b.remoteOutputConfigMap`. */
  private readonly configs: GoMap<string, RemoteOutputConfig>;
  private readonly mu: RWMutex;
  /** Hardened: serializes whole calls. */
  private readonly createMu: Mutex;
  /** Set by the parent's Run as it exits (hardened's `childRefusedAfterRunExit`): read under the write lock by CreateAndGetBulker. */
  private readonly runExited: Shared<boolean>;
  private made = 0;
  /** Every child ever made, in order (orphans included): their pools are checked at the end. */
  readonly all: ChildEntry[] = [];

  constructor(
    private readonly sim: Sim,
    private readonly parentName: string,
    private readonly flags: VariantFlags,
    private readonly make: ChildFactory,
    private readonly transportFor: RemoteTransportFactory,
  ) {
    this.mu = new RWMutex(sim, `${parentName}.remoteOutputMutex`);
    this.map = new GoMap(sim, `${parentName}.bulkerMap`);
    this.configs = new GoMap(sim, `${parentName}.remoteOutputConfigMap`);
    this.createMu = new Mutex(sim, `${parentName}.createMu`);
    this.runExited = new Shared(sim, false, `${parentName}.runExited`);
  }

  /** `CreateAndGetBulker(ctx, zlog, outputName, outputMap)`; the ctx is not used, as upstream. */
  *createAndGet(outputName: string, outputMap: Readonly<Record<string, RemoteOutputConfig>>): Proc<Result<Got>> {
    if (!this.flags.childCreateSerialized) return yield* this.createAndGetUnlocked(outputName, outputMap);
    yield* this.createMu.lock();
    try {
      return yield* this.createAndGetUnlocked(outputName, outputMap);
    } finally {
      yield* this.createMu.unlock();
    }
  }

  private *createAndGetUnlocked(outputName: string, outputMap: Readonly<Record<string, RemoteOutputConfig>>): Proc<Result<Got>> {
    const newCfg = outputMap[outputName];
    const changed = yield* this.hasChangedAndUpdateRemoteOutputConfig(outputName, newCfg);
    yield* this.mu.rLock();
    const existing = this.map.get(outputName, 'CreateAndGetBulker: read bulkerMap[outputName]');
    yield* this.mu.rUnlock();
    if (existing !== undefined && !changed) return ok({ bulker: existing.bulker, changed: false });
    if (existing !== undefined && changed) {
      this.sim.note(`CreateAndGetBulker ${outputName}: config changed, cancelling ${existing.bulker.name}`);
      existing.cancel();
    }
    const [ctx, cancel] = withCancel(background(this.sim), `${this.parentName}.${outputName}.ctx`);
    const t = this.transportFor(outputName, newCfg);
    if (t instanceof GoError) {
      cancel();
      this.sim.note(`CreateAndGetBulker ${outputName}: ${t.message}${existing !== undefined ? `; the map keeps ${existing.bulker.name}` : ''}`);
      if (this.flags.childForgetFailed && existing !== undefined) {
        yield* this.mu.lock();
        if (this.map.get(outputName, 'CreateAndGetBulker (childForgetFailed): read bulkerMap[outputName]') === existing) {
          this.map.delete(outputName, 'CreateAndGetBulker (childForgetFailed): delete bulkerMap[outputName]');
        }
        yield* this.mu.unlock();
      }
      return fail(t);
    }
    const name = `${this.parentName}.${outputName}#${++this.made}`;
    const trace = this.sim.trace;
    const entry: ChildEntry = {
      bulker: this.make(t, name),
      ctx,
      cancel: () => {
        entry.cancelledSeq ??= trace.length;
        cancel();
      },
    };
    this.all.push(entry);
    yield* this.mu.lock();
    if (this.flags.childRefusedAfterRunExit && this.runExited.load('CreateAndGetBulker (childRefusedAfterRunExit): read runExited')) {
      yield* this.mu.unlock();
      this.all.splice(this.all.indexOf(entry), 1);
      cancel();
      this.sim.note(`CreateAndGetBulker ${outputName}: the bulker's Run has exited, no child is started`);
      return fail(ErrBulkerClosed);
    }
    this.map.set(outputName, entry, 'updateBulkerMap: bulkerMap[outputName] = newBulker');
    yield* this.mu.unlock();
    this.start(entry, name);
    return ok({ bulker: entry.bulker, changed });
  }

  /** `hasChangedAndUpdateRemoteOutputConfig`: sections 1 and 2. */
  *hasChangedAndUpdateRemoteOutputConfig(name: string, newCfg: RemoteOutputConfig | undefined): Proc<boolean> {
    yield* this.mu.rLock();
    const cur = this.configs.get(name, 'hasChangedAndUpdateRemoteOutputConfig: read remoteOutputConfigMap[name]');
    // "when output config first added, not reporting change"
    const changed = cur !== undefined && !deepEqual(cur, newCfg);
    yield* this.mu.rUnlock();
    yield* this.mu.lock();
    this.configs.set(name, { ...newCfg }, 'hasChangedAndUpdateRemoteOutputConfig: remoteOutputConfigMap[name] = newCfg');
    yield* this.mu.unlock();
    return changed;
  }

  /** The Run goroutine and its watcher (`errCh := make(chan error)`, two `go func()`). */
  private start(entry: ChildEntry, name: string): void {
    const errCh = this.sim.chan<GoError | null>(this.flags.childErrChBuffered ? 1 : 0, `${name}.errCh`);
    const sim = this.sim;
    this.sim.spawn(`${name}.run`, function* () {
      entry.runErr = yield* entry.bulker.run(entry.ctx);
      entry.exitedAt = sim.now;
      yield* send(errCh, entry.runErr);
      entry.reported = true;
    });
    this.sim.spawn(`${name}.watch`, function* () {
      yield* select([onRecv(errCh), onRecv(entry.ctx.done())]);
    });
  }

  /** `GetBulker(outputName)`: the current child. */
  *get(outputName: string): Proc<ChildEntry | undefined> {
    yield* this.mu.rLock();
    const e = this.map.get(outputName, 'GetBulker: read bulkerMap[outputName]');
    yield* this.mu.rUnlock();
    return e;
  }

  /** The stored config of an output, read without the lock (tests and reports). */
  configOf(outputName: string): RemoteOutputConfig | undefined {
    return this.configs.peek(outputName);
  }

  /**
   * @internal Test seam, as upstream's tests set `remoteOutputConfigMap[name]` and
   * `bulkerMap[name]` directly: `cfg` null stores a nil map (the same as none).
   */
  preset(outputName: string, cfg: RemoteOutputConfig | null, child?: ChildEntry): void {
    this.configs.poke(outputName, cfg ?? undefined);
    if (child !== undefined) this.map.poke(outputName, child);
  }

  /** The current child, read without the lock (tests and reports). */
  peek(outputName: string): ChildEntry | undefined {
    return this.map.peek(outputName);
  }

  /** `Run`'s exit: under RLock, cancel every child in the map (orphans are not in it). */
  *cancelAll(): Proc<void> {
    yield* this.mu.rLock();
    // Read by CreateAndGetBulker under the write lock (hardened): no child starts after this.
    if (this.flags.childRefusedAfterRunExit) this.runExited.store(true, 'Run exit (childRefusedAfterRunExit): runExited = true');
    for (const k of this.map.keys('Run exit: range bulkerMap')) this.map.peek(k)?.cancel();
    yield* this.mu.rUnlock();
  }
}

/** The default factory: no remote network configured. */
export const noRemoteTransport: RemoteTransportFactory = (name) => new GoError(`remote output ${name}: no remote transport configured`);
