/**
 * How each pooled call left the engine with its block: answered, aborted before or after
 * the enqueue, refused, or a validation error before dispatch. One record per block (its
 * latest generation), kept as typed data for the checkers' signatures; nothing here is
 * traced, so recording changes no trace hash.
 */
import type { GoError } from '../sim/index.ts';
import type { Blk } from './block.ts';

/** The path by which a call's block came back to the caller's code. */
export type CallExit = 'answered' | 'abort-before-enqueue' | 'abort-after-enqueue' | 'closed' | 'limit' | 'validation';

/** One call's exit, for one generation of a block. */
export interface ExitRecord {
  readonly gen: number;
  readonly exit: CallExit;
  /** The error the call returned with (null on success). */
  readonly err: GoError | null;
}

/** The exits of a bulker's calls, by block id (latest generation only). */
export class ExitLog {
  private readonly byBlock = new Map<number, ExitRecord>();

  /** Records how the call holding `h` left the engine. */
  record(h: Blk, exit: CallExit, err: GoError | null): void {
    this.byBlock.set(h.resource.id, { gen: h.gen, exit, err });
  }

  /** The exit recorded for block `id` in generation `gen`, if any. */
  of(id: number, gen: number): ExitRecord | undefined {
    const r = this.byBlock.get(id);
    return r !== undefined && r.gen === gen ? r : undefined;
  }
}
