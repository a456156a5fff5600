/**
 * One deterministic scenario per row of the path × version table (spec §5.2, P1–P11),
 * shared by the path tests and the violation tests (§6.1). Each returns the world after
 * the run, the id of the block under test, and what the caller got.
 */
import { Canceled, gosched, recv, sec, ms, sleep, withCancel, withTimeout, type GoError, type RunResult } from '../../sim/index.ts';
import type { Blk } from '../block.ts';
import { VARIANTS, type VariantName } from '../variants.ts';
import { go, world, type World } from './harness.ts';
import { LabelChooser } from './label-chooser.ts';
import { bulkReply, mgetReply, msearchReply, okScript } from './scripted-transport.ts';

/** The outcome of a path scenario. */
export interface PathRun {
  readonly w: World;
  readonly res: RunResult;
  /** Ids of the pooled blocks under test. */
  readonly blocks: readonly number[];
  /** Errors the callers returned (null: success). */
  readonly errs: readonly (GoError | null | undefined)[];
}

/** P/V scenario names. */
export type PathName = 'P1' | 'P2' | 'P3' | 'P4a' | 'P4b' | 'P5' | 'P6' | 'P7' | 'P8' | 'P9' | 'P10' | 'P11';

const started = (w: World): (() => void) => {
  const [ctx, cancel] = withCancel(w.bg, 'run-ctx');
  w.sim.spawn('bulker.run', () => w.bulker.run(ctx));
  return cancel;
};

/** Stops Run after `at`, so the run can end. */
function stopAt(w: World, cancel: () => void, at: number): void {
  w.sim.spawn('stopper', function* () {
    yield* sleep(at);
    cancel();
  });
}

/** Runs path `p` on `variant`. */
export function runPath(p: PathName, variant: VariantName): PathRun {
  const small = { flushInterval: ms(100) };
  switch (p) {
    case 'P1': {
      // Validation error after acquire: a quote in the id.
      const w = world(variant);
      const c = go(w.sim, 'caller', () => w.bulker.create(w.bg, 'i', 'a"b', '{}'));
      const res = w.sim.run();
      return { w, res, blocks: [0], errs: [c.value?.err] };
    }
    case 'P2': {
      // Pending-dispatch limit 1: a second caller is rejected while the first waits.
      const w = world(variant, { options: { maxPendingBulkDispatches: 1 } });
      const c1 = go(w.sim, 'caller1', () => w.bulker.read(w.bg, 'i', '1'));
      const c2 = go(w.sim, 'caller2', function* () {
        while (w.bulker.pendingDispatches.peek() < 1) yield* sleep(1);
        return yield* w.bulker.read(w.bg, 'i', '2');
      });
      go(w.sim, 'helper', function* () {
        const h = (yield* recv(w.bulker.ch)) as Blk;
        while (!c2.done) yield* sleep(1);
        w.bulker.pool.mark(h, 'answer', 'answered', 'ok');
        w.bulker.pool.use(h, 'ch').ch.trySend({ err: null, idx: 0, data: { _index: 'i', _id: '1', found: true } });
      });
      const res = w.sim.run();
      return { w, res, blocks: [1], errs: [c2.value?.err, c1.value?.err] };
    }
    case 'P3': {
      // Caller ctx done while b.ch is full: the first select aborts.
      const w = world(variant, { options: { blockQueueSz: 1 } });
      w.bulker.ch.trySend(w.bulker.pool.unpooled('dummy'));
      const [ctx, cancel] = withCancel(w.bg, 'caller-ctx');
      cancel();
      const c = go(w.sim, 'caller', () => w.bulker.search(ctx, 'i', '{}'));
      const res = w.sim.run();
      return { w, res, blocks: [1], errs: [c.value?.err] };
    }
    case 'P4a':
    case 'P4b': {
      // Caller ctx ends in the second select; ES answers at 2 s (P4a) or 20 s (P4b).
      const latency = p === 'P4a' ? sec(2) : sec(20);
      const w = world(variant, { options: small });
      (w.es as unknown as { latency: number }).latency = latency;
      const cancel = started(w);
      const [ctx] = withTimeout(w.bg, sec(1), 'caller-ctx');
      const c = go(w.sim, 'caller', () => w.bulker.read(ctx, 'i', '1'));
      stopAt(w, cancel, sec(40));
      const res = w.sim.run();
      return { w, res, blocks: [0], errs: [c.value?.err] };
    }
    case 'P5': {
      // Flush-level failure: ES answers 500 to the whole _bulk.
      const w = world(variant, { options: small, script: () => ({ status: 500, body: '{"error":{"type":"internal_server_error","reason":"boom"},"status":500}' }) });
      const cancel = started(w);
      const c = go(w.sim, 'caller', () => w.bulker.update(w.bg, 'i', '1', '{"doc":{}}'));
      stopAt(w, cancel, sec(1));
      const res = w.sim.run();
      return { w, res, blocks: [0], errs: [c.value?.err] };
    }
    case 'P6': {
      // Item-level error: mget doc not found.
      const w = world(variant, { options: small, script: (req) => mgetReply(req.body, false) });
      const cancel = started(w);
      const c = go(w.sim, 'caller', () => w.bulker.read(w.bg, '.fleet-agents', 'unknown'));
      stopAt(w, cancel, sec(1));
      const res = w.sim.run();
      return { w, res, blocks: [0], errs: [c.value?.err] };
    }
    case 'P7': {
      // Enroll duplicates: 3 searches with one dedupe key in one batch.
      const w = world(variant, { options: small, script: (req) => (req.path.endsWith('_msearch') ? msearchReply(req.body) : okScript(req)) });
      const cancel = started(w);
      const cs = [0, 1, 2].map((i) => go(w.sim, `caller${i}`, () => w.bulker.search(w.bg, '.fleet-agents', '{"q":1}', { dedupeKey: 'enroll-1', refreshIndex: '.fleet-agents' })));
      stopAt(w, cancel, sec(3));
      const res = w.sim.run();
      return { w, res, blocks: [0, 1, 2], errs: cs.map((c) => c.value?.err) };
    }
    case 'P8': {
      const w = world(variant, { options: small, script: (req) => bulkReply(req.body) });
      const cancel = started(w);
      const c = go(w.sim, 'caller', () => w.bulker.create(w.bg, 'i', '1', '{"a":1}'));
      stopAt(w, cancel, sec(1));
      const res = w.sim.run();
      return { w, res, blocks: [0], errs: [c.value?.err] };
    }
    case 'P9': {
      // Response buffered and ctx done together; the second select picks ctx (decision 1).
      const w = world(variant, { strategy: new LabelChooser({ select: [1] }, 'helper') });
      const [ctx, cancel] = withCancel(w.bg, 'caller-ctx');
      const c = go(w.sim, 'caller', () => w.bulker.read(ctx, 'i', '1'));
      go(w.sim, 'helper', function* () {
        const h = (yield* recv(w.bulker.ch)) as Blk;
        // Runs before the caller resumes from its enqueue: both cases are ready at its second select.
        w.bulker.pool.mark(h, 'answer', 'answered', 'ok');
        w.bulker.pool.use(h, 'ch').ch.trySend({ err: null, idx: 0, data: { _index: 'i', _id: '1', found: true } });
        cancel();
      });
      const res = w.sim.run();
      return { w, res, blocks: [0], errs: [c.value?.err] };
    }
    case 'P10':
    case 'P11': {
      // Run has exited (its ctx cancelled); a caller then dispatches. P10: its ctx ends at 1 s.
      const w = world(variant, { options: small });
      const [rctx, rcancel] = withCancel(w.bg, 'run-ctx');
      rcancel();
      w.sim.spawn('bulker.run', () => w.bulker.run(rctx));
      const [ctx] = p === 'P10' ? withTimeout(w.bg, sec(1), 'caller-ctx') : [w.bg];
      const c = go(w.sim, 'caller', function* () {
        yield* sleep(ms(1));
        return yield* w.bulker.read(ctx, 'i', '1');
      });
      const res = w.sim.run();
      return { w, res, blocks: [0], errs: [c.value?.err] };
    }
  }
}

/** Which variants violate the lifecycle invariant on each path (spec §6.1 as a table). */
export function violates(p: PathName, v: VariantName): boolean {
  const f = VARIANTS[v];
  switch (p) {
    case 'P1':
      return !f.freeOnValidationError;
    case 'P2':
    case 'P8':
      return false;
    case 'P3':
      return !f.freeOnAbortQueue;
    case 'P4a':
    case 'P4b':
    case 'P9':
      return !f.drainOnAbortResponse;
    case 'P5':
    case 'P6':
      return !f.freeOnErrorResponse;
    case 'P7':
      return f.enrollQueue && !f.freeOnErrorResponse;
    case 'P10':
      return !f.drainOnAbortResponse && !f.closedSignal;
    case 'P11':
      return !f.closedSignal;
  }
}

export { Canceled };
