/**
 * Background work on server contexts: checkin.Bulk's MUpdate every 10 s (spec §8.3),
 * and callers whose context never ends (Background-derived, spec V7b).
 */
import { background, sleep, type Proc } from '../sim/index.ts';
import { mUpdate, search } from './calls.ts';
import type { EngineWorld } from './world.ts';

/** Task `checkin-bulk`: one MUpdate of every agent seen since the last flush (multi-op blocks, unpooled). */
export function* checkinBulkLoop(w: EngineWorld): Proc<void> {
  const every = w.scenario.workload.backgroundMultiUpdateEveryS;
  for (;;) {
    yield* sleep(every * 1_000_000);
    if (w.stopping) return;
    const ids = [...w.seenAgents].sort();
    w.seenAgents.clear();
    if (ids.length === 0) continue;
    const ops = ids.map((id) => ({ index: '.fleet-agents', id, body: JSON.stringify({ doc: { last_checkin: w.sim.now } }) }));
    yield* mUpdate(w, w.serverCtx, ops);
  }
}

/**
 * Task `bg-caller-<i>`: a Search with a context that is never cancelled, every `everyS`.
 * It does not know about the shutdown: it stops only after a call made once the
 * bulker's context was cancelled has returned (on upstream that call never returns: V7b).
 */
export function* backgroundCaller(w: EngineWorld, i: number): Proc<void> {
  const ctx = background(w.sim);
  const every = w.scenario.workload.backgroundCallers.everyS * 1_000_000;
  for (let n = 0; ; n++) {
    yield* sleep(every);
    const late = w.bulkerStopped;
    yield* search(w, ctx, '.fleet-policies', JSON.stringify({ query: { term: { caller: `${i}-${n}` } } }));
    if (late) return;
  }
}
