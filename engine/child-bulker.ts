/**
 * Remote-output child bulkers (`CreateAndGetBulker`, spec §1.3, §2.5): one Bulker per remote
 * output, built with ENGINE defaults (not the server config), its Run on its own
 * Background-derived ctx. A config change cancels the old child and builds a new one; the
 * parent's Run exit cancels them all. The wrapper goroutine that reports Run's result on an
 * unbuffered channel (H-BLOCK (3)) is not modelled.
 */
import { background, GoError, withCancel, type CancelFunc, type Sim } from '../sim/index.ts';
import type { Transport } from './transport.ts';
import type { Bulker } from './bulker.ts';
import { fail, ok, type Result } from './op-options.ts';

/** One output's configuration (`outputMap[name]`: type, hosts, service_token, ...). */
export type RemoteOutputConfig = Readonly<Record<string, unknown>>;

/** Builds a remote output's ES client (`createRemoteEsClient`); a GoError fails the creation. */
export type RemoteTransportFactory = (outputName: string, cfg: RemoteOutputConfig) => Transport | GoError;

/** Makes a child Bulker (same variant, engine defaults) on the given transport. */
export type ChildFactory = (transport: Transport, name: string) => Bulker;

/** A child and its lifecycle. */
export interface ChildEntry {
  readonly bulker: Bulker;
  readonly cancel: CancelFunc;
  readonly cfgKey: string;
  /** Set when the child's Run returns. */
  runErr?: GoError | null;
}

/** The parent's `bulkerMap` and `remoteOutputConfigMap`. */
export class ChildBulkers {
  private readonly map = new Map<string, ChildEntry>();

  constructor(
    private readonly sim: Sim,
    private readonly parentName: string,
    private readonly make: ChildFactory,
    private readonly transportFor: RemoteTransportFactory,
  ) {}

  /** `CreateAndGetBulker(ctx, name, outputMap)`: the child and whether its config changed. The ctx is not used, as upstream. */
  createAndGet(outputName: string, outputMap: Readonly<Record<string, RemoteOutputConfig>>): Result<{ bulker: Bulker; changed: boolean }> {
    const cfg = outputMap[outputName] ?? {};
    const cfgKey = JSON.stringify(cfg);
    const old = this.map.get(outputName);
    if (old !== undefined && old.cfgKey === cfgKey) return ok({ bulker: old.bulker, changed: false });
    const changed = old !== undefined;
    old?.cancel();
    const t = this.transportFor(outputName, cfg);
    if (t instanceof GoError) return fail(t);
    const name = `${this.parentName}.${outputName}`;
    const [ctx, cancel] = withCancel(background(this.sim), `${name}.ctx`);
    const entry: ChildEntry = { bulker: this.make(t, name), cancel, cfgKey };
    this.map.set(outputName, entry);
    this.sim.spawn(`${name}.run`, function* () {
      entry.runErr = yield* entry.bulker.run(ctx);
    });
    return ok({ bulker: entry.bulker, changed });
  }

  /** The current child for an output (`GetBulker`). */
  get(outputName: string): ChildEntry | undefined {
    return this.map.get(outputName);
  }

  /** Cancels every child's ctx (the parent Run's exit). */
  cancelAll(): void {
    for (const c of this.map.values()) c.cancel();
  }
}

/** The default factory: no remote network configured. */
export const noRemoteTransport: RemoteTransportFactory = (name) => new GoError(`remote output ${name}: no remote transport configured`);
