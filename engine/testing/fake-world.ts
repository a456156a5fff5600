/**
 * Test world on the fake Elasticsearch: the real {@link Bulker} talking to
 * {@link FakeElasticsearch} through {@link SimEsTransport}, configured as `SetupBulk` does
 * (spec §7.6: the server-config defaults are applied AFTER the test's options, so they win).
 */
import { background, Sim, withCancel, type CancelFunc, type Context, type GoError, type Proc, type RunResult } from '../../sim/index.ts';
import type { Transport } from '../transport.ts';
import { FakeElasticsearch } from '../../elasticsearch/index.ts';
import { HEALTHY_PROFILE, type FaultProfile } from '../../elasticsearch/faults/index.ts';
import { SimEsTransport } from '../../elasticsearch/transport.ts';
import { Bulker } from '../bulker.ts';
import { SERVER_CONFIG_DEFAULTS, type BulkOptions } from '../options.ts';
import type { VariantName } from '../variants.ts';
import { LabelChooser } from './label-chooser.ts';

/** A bulker on the fake, with Run started on `runCtx`. */
export interface FakeWorld {
  readonly sim: Sim;
  readonly es: FakeElasticsearch;
  readonly bulker: Bulker;
  readonly bg: Context;
  /** Cancels Run's ctx. */
  readonly stop: CancelFunc;
  /** The fault profile in force (tests may swap it). */
  profile: FaultProfile;
  /** What Run returned (undefined while it runs). */
  runErr?: GoError | null;
}

/** Options of {@link fakeWorld}. */
export interface FakeWorldOptions {
  /** The test's own options; `setupBulk` puts the server-config defaults over them. */
  readonly options?: Partial<BulkOptions>;
  /** Skip the SetupBulk override (the options are used as given over the engine defaults). */
  readonly raw?: boolean;
  readonly profile?: FaultProfile;
  /** Wraps the fake's transport (e.g. to model a client that ignores its ctx). */
  readonly wrap?: (t: Transport, bg: Context, sim: Sim) => Transport;
}

/** Builds the world and spawns `bulker.run`. */
export function fakeWorld(variant: VariantName, o: FakeWorldOptions = {}): FakeWorld {
  const sim = new Sim({ strategy: new LabelChooser(), maxTime: 3_600_000_000 });
  const es = new FakeElasticsearch();
  const w = { sim, es, profile: o.profile ?? HEALTHY_PROFILE } as FakeWorld;
  const bg = background(sim);
  const fake = new SimEsTransport(sim, es, () => w.profile);
  const transport = o.wrap === undefined ? fake : o.wrap(fake, bg, sim);
  const options = o.raw === true ? (o.options ?? {}) : { ...o.options, ...SERVER_CONFIG_DEFAULTS };
  const bulker = new Bulker(sim, transport, { variant, options });
  const [runCtx, stop] = withCancel(bg, 'run-ctx');
  sim.spawn('bulker.run', function* () {
    w.runErr = yield* bulker.run(runCtx);
  });
  Object.assign(w, { bulker, bg, stop });
  return w;
}

/** Runs `body` as task `test`, then stops Run; returns the run's result. */
export function runTest(w: FakeWorld, body: () => Proc<void>): RunResult {
  w.sim.spawn('test', function* () {
    yield* body();
    w.stop();
  });
  return w.sim.run();
}
