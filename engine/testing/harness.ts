/**
 * Test harness: a kernel, a bulker on a scripted transport, helpers to spawn callers and
 * read a block's fate from the tracked pool.
 */
import { background, Sim, type Context, type Proc, type RunResult, type Strategy } from '../../sim/index.ts';
import { Bulker } from '../bulker.ts';
import type { BulkOptions } from '../options.ts';
import type { VariantName } from '../variants.ts';
import { LabelChooser } from './label-chooser.ts';
import { okScript, ScriptedTransport, type Scripted } from './scripted-transport.ts';
import type { HttpRequest } from '../transport.ts';

/** A test world. */
export interface World {
  readonly sim: Sim;
  readonly bulker: Bulker;
  readonly es: ScriptedTransport;
  readonly bg: Context;
}

/** Builds a world; Run is NOT started (the "unstarted bulker" of the Go tests) unless `start`. */
export function world(
  variant: VariantName,
  o: { options?: Partial<BulkOptions>; script?: (req: HttpRequest, n: number) => Scripted; strategy?: Strategy; start?: boolean } = {},
): World {
  const sim = new Sim({ strategy: o.strategy ?? new LabelChooser(), maxTime: 3_600_000_000 });
  const es = new ScriptedTransport(sim, o.script ?? okScript);
  const bulker = new Bulker(sim, es, { variant, options: o.options ?? {} });
  const bg = background(sim);
  return { sim, bulker, es, bg };
}

/** Spawns a task that records its return value. */
export function go<T>(sim: Sim, name: string, body: () => Proc<T>): { value?: T; done: boolean } {
  const box: { value?: T; done: boolean } = { done: false };
  sim.spawn(name, function* () {
    box.value = yield* body();
    box.done = true;
  });
  return box;
}

/** How a pooled block ended: freed by whom, abandoned, or still held (a leak). */
export function fate(b: Bulker, id: number): string {
  const blk = b.pool.resources[id];
  if (blk === undefined) return 'missing';
  const last = blk.history[blk.history.length - 1];
  if (blk.state === 'freed') return `freed by ${(last?.note ?? '').split(':')[0]}`;
  if (blk.state === 'abandoned') return 'abandoned';
  return `leak (${blk.state})`;
}

/** Runs the sim and returns the result. */
export function runAll(w: World): RunResult {
  return w.sim.run();
}

/** Leak violations (block-lifecycle) reported by `pool.finish()`. */
export function leaks(b: Bulker): number {
  return b.pool.finish().filter((v) => v.kind === 'leak').length;
}
